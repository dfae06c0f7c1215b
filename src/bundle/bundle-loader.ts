import { asEdgesegError, edgesegError, isEdgesegError, type EdgesegError } from '../lib/errors';
import type { VisitorStore } from '../store/store';
import type { Timers } from '../lib/platform';
import type { Bundle } from '../types/bundle';
import type { EdgesegConfig } from '../types/config';
import { fetchBundleText } from './load-bundle';
import { BUNDLE_LIMITS, PublicKeysSchema } from './schema';
import { describeIssue, type SchemaIssue } from '../lib/describe-issue';
import { verifyBundleSignature, type PublicJwk } from './signature';
import { parseBundleJson, validateBundle } from './validate-bundle';

/**
 * The cached bundle (IndexedDB kv record `bundle`): the last known good. No ETag: a
 * server-chosen string kept on the device and sent back would identify the visitor
 * across visits; a refresh compares the text instead.
 */
export interface CachedBundle {
  text: string;
  /** When the server last confirmed it (epoch ms): its age decides on revalidation. */
  fetchedAt: number;
  version: number;
}

/** The bundle loader: a bundle being loaded and kept fresh. */
export interface BundleLoader {
  /** Resolves once the first bundle is in use or has failed; never rejects. */
  readonly ready: Promise<void>;
  /** Writes the bundle in use to the store (called when consent is granted). */
  save(): Promise<void>;
}

/** What the bundle loader needs; `T` is what `prepare` makes of a verified bundle. */
export interface BundleLoaderOptions<T extends { bundle: Bundle }> {
  /** The client's config: `bundle`, `bundleTimeout`, `publicKeys`, `requireSignature`, `allowRollback`, `bundleMaxAge`. */
  config: EdgesegConfig;
  fetch: typeof fetch;
  now: () => number;
  /** The visitor store once consent allows (the cache lives in its kv records), else null. */
  store: () => VisitorStore | null;
  /**
   * WebCrypto for signatures and `weightsSha256` (pass `platform.subtle()`): the global one
   * when absent, none when `null` (signed bundles are then refused as unverifiable).
   */
  subtle?: SubtleCrypto | null | undefined;
  /** Timers for `bundleTimeout` (pass the platform); the global ones when absent. */
  timers?: Timers | undefined;
  report(error: EdgesegError): void;
  /** Called with each accepted bundle: the first one and any refresh. */
  onBundle(prepared: T): void;
  /**
   * Makes a verified bundle ready for use; never rejects. The caller's step (the engine
   * prepares it for scoring and loads its network), so loading knows nothing of scoring.
   */
  prepare(bundle: Bundle): T | Promise<T>;
}

/**
 * Opens the bundle loader. Where the bundle comes from, in order: the memory copy, the
 * IndexedDB copy (the last known good, kept once consent allows), the network. A cached
 * bundle younger than `maxAge` is used as is; an older one is used at once while a request
 * refreshes it (stale-while-revalidate; the same text renews it, no ETag is kept). Every bundle, cached or
 * fetched, is validated, signature-checked, expiry-checked and rollback-checked before
 * use; a refused one never replaces the last known good.
 */
export function openBundleLoader<T extends { bundle: Bundle }>(options: BundleLoaderOptions<T>): BundleLoader {
  return new Loader(options);
}

class Loader<T extends { bundle: Bundle }> implements BundleLoader {
  readonly ready: Promise<void>;
  private _record: CachedBundle | null = null;
  /** Highest version accepted so far: the rollback floor. */
  private _floor = -1;
  private _badKeys = false;

  private _url: string;
  private _keys: readonly PublicJwk[];

  constructor(private _o: BundleLoaderOptions<T>) {
    this._url = _o.config.bundle ?? '';
    this._keys = this._checkKeys(_o.config.publicKeys);
    this.ready = this._run().catch(this._fail);
  }

  /**
   * Pinned keys mean signatures are required. Keys that cannot be honoured (malformed, an
   * empty list, or `requireSignature: false` beside them) fail closed: `config_invalid`
   * is reported, and every bundle is then refused as unverifiable.
   */
  private _checkKeys(keys: unknown): readonly PublicJwk[] {
    if (keys === undefined) return [];
    const parsed = PublicKeysSchema.safeParse(keys);
    let path = 'requireSignature';
    let message = 'requireSignature: must not be false when publicKeys are pinned';
    if (parsed.success) {
      if (this._o.config.requireSignature !== false) return parsed.data as PublicJwk[];
    } else {
      const issue = describeIssue(parsed.error.issues[0] as SchemaIssue);
      path = `publicKeys${issue.path ? (issue.path.startsWith('[') ? '' : '.') + issue.path : ''}`;
      message = `publicKeys${issue.message.replace(/^\(root\)/, '')}`;
    }
    this._o.report(edgesegError('config_invalid', `edgeseg: invalid config: ${message}`, { path }));
    this._badKeys = true;
    return [];
  }

  /** Whatever escaped: reported, never an unhandled rejection in the page. */
  private _fail = (cause: unknown): void =>
    this._o.report(asEdgesegError(cause, 'internal', 'edgeseg: bundle loading failed'));

  async save(): Promise<void> {
    const store = this._o.store();
    if (store && this._record) await store.putKv('bundle', this._record).catch(() => {});
  }

  private async _run(): Promise<void> {
    const cached = await this._readCache();
    let usable = false;
    if (cached) {
      const result = await this._accept(cached.text, false);
      // Only a cache that verified sets the rollback floor: a record that fails its own
      // checks (tampered, or from before a key rotation) must not block newer bundles.
      if (!isEdgesegError(result) || result.code === 'bundle_expired') this._floor = cached.version;
      if (isEdgesegError(result)) {
        // A refused cache is not the page's problem unless nothing better arrives: report
        // only expiry, which the site owner controls.
        if (result.code === 'bundle_expired') this._o.report(result);
      } else {
        this._record = cached;
        this._o.onBundle(result);
        usable = true;
      }
    }
    const age = cached ? this._o.now() - cached.fetchedAt : Infinity;
    if (usable && age < this._o.config.bundleMaxAge * 1000) return;
    // Over a usable cache the refresh runs on in the background: its failure is reported
    // here, since nothing awaits it.
    const refresh = this._refresh().catch(this._fail);
    if (!usable) await refresh;
  }

  private async _readCache(): Promise<CachedBundle | null> {
    if (this._record) return this._record;
    const record = await this._o
      .store()
      ?.getKv<CachedBundle>('bundle')
      .catch(() => undefined);
    if (!record || typeof record.text !== 'string' || typeof record.version !== 'number') return null;
    // Only these fields: a record from an older version may hold the ETag it no longer keeps.
    return { text: record.text, fetchedAt: record.fetchedAt, version: record.version };
  }

  private async _refresh(): Promise<void> {
    const o = this._o;
    const fetched = await fetchBundleText({
      url: this._url,
      timeoutMs: o.config.bundleTimeout,
      fetch: o.fetch,
      maxBytes: BUNDLE_LIMITS.bytes,
      timers: o.timers,
    });
    if (!fetched.ok) return o.report(fetched.error);
    // The same text as the last known good: confirmed, as a 304 would have (no ETag kept).
    if (this._record?.text === fetched.text) {
      this._record = { ...this._record, fetchedAt: o.now() };
      return this.save();
    }
    const result = await this._accept(fetched.text, true);
    if (isEdgesegError(result)) return o.report(result);
    this._record = { text: fetched.text, fetchedAt: o.now(), version: result.bundle.version };
    this._floor = Math.max(this._floor, result.bundle.version);
    o.onBundle(result);
    await this.save();
  }

  /** Parses, validates, verifies and prepares bundle text; the error says why it is refused. */
  private async _accept(text: string, fresh: boolean): Promise<T | EdgesegError> {
    const o = this._o;
    const parsed = parseBundleJson(text, BUNDLE_LIMITS.bytes);
    if (!parsed.ok) return parsed.error;
    const valid = validateBundle(parsed.json);
    if (!valid.ok) return valid.error;
    const bundle: Bundle = valid.bundle;
    // Pinned keys require signatures; so does `requireSignature: true` (with no keys, nothing verifies).
    const keys = this._keys;
    if (this._badKeys || keys.length > 0 || o.config.requireSignature) {
      const error = await verifyBundleSignature(parsed.json as Record<string, unknown>, keys, o.subtle);
      if (error) return error;
    }
    if (bundle.expiresAt && !(Date.parse(bundle.expiresAt) > o.now())) {
      return edgesegError(
        'bundle_expired',
        `edgeseg: bundle version ${bundle.version} expired at ${bundle.expiresAt}`,
        { path: 'expiresAt' },
      );
    }
    if (fresh && bundle.version < this._floor && !o.config.allowRollback) {
      return edgesegError(
        'bundle_rollback',
        `edgeseg: bundle version ${bundle.version} is older than the last known good (${this._floor}); refused`,
        { path: 'version' },
      );
    }
    return o.prepare(bundle);
  }
}
