/**
 * `edgeseg/vue`: a plugin and composables over one edgeseg client.
 *
 * SSR-safe: the composables ask the client only in `onMounted`, which never runs on the
 * server; their first value is the default, so hydration sees the server's HTML, and
 * the personalized value follows once mounted.
 */
import {
  computed,
  inject,
  onBeforeUnmount,
  onMounted,
  shallowRef,
  type App,
  type ComputedRef,
  type InjectionKey,
  type ShallowRef,
} from 'vue';
import {
  createClient,
  type Assignment,
  type ConsentState,
  type Decision,
  type EdgesegClient,
  type EdgesegConfigInput,
} from '../index';
import { pickVariant, watchConsent, watchSegment, watchSlot, type Variants } from './watch';

export type { Variants } from './watch';

/** The key the plugin provides the client under (`inject(edgesegKey)`). */
export const edgesegKey: InjectionKey<EdgesegClient | null> = Symbol('edgeseg');

/** Options of {@link createEdgeseg}: a client of yours, or a config for one it creates. */
export interface EdgesegPluginOptions {
  /** A started client (e.g. `window.edgeseg`); the plugin then neither starts nor stops it. */
  client?: EdgesegClient;
  /** Without `client`: the config the plugin's own client is started with, in the browser only. */
  config?: EdgesegConfigInput;
}

/** The plugin: `app.use(createEdgeseg({ config }))`. */
export interface EdgesegPlugin {
  install(app: App): void;
}

/**
 * The plugin. Without `client` it creates and starts one in the browser (never on the
 * server) and destroys it when the app unmounts.
 */
export function createEdgeseg(options: EdgesegPluginOptions = {}): EdgesegPlugin {
  return {
    install(app) {
      let client = options.client ?? null;
      if (!client && typeof document !== 'undefined') {
        const created = createClient();
        void created.init(options.config);
        app.onUnmount(() => created.destroy());
        client = created;
      }
      app.provide(edgesegKey, client);
    },
  };
}

/** The plugin's client, or `null` on the server and without the plugin. */
export function useEdgeseg(): EdgesegClient | null {
  return inject(edgesegKey, null);
}

/** Runs `watch` from mount to unmount when there is a client. */
function whileMounted(watch: (client: EdgesegClient) => () => void): void {
  const client = useEdgeseg();
  let stop: (() => void) | undefined;
  onMounted(() => {
    if (client) stop = watch(client);
  });
  onBeforeUnmount(() => stop?.());
}

/**
 * The value of `variants` for the visitor's segment: `variants.default` until mounted and
 * decided (and on the server), then the decision's variant, updated whenever the segment,
 * the consent or the slot's decision changes.
 */
export function usePersonalize<T>(slot: string, variants: Variants<T>): ComputedRef<T> {
  const decision = shallowRef<Decision | null>(null);
  whileMounted((client) =>
    watchSlot(
      client,
      slot,
      () => variants,
      (d) => (decision.value = d),
    ),
  );
  return computed(() => pickVariant(variants, decision.value));
}

/** The visitor's assignment, or `null` until it is known (and on the server). */
export function useSegment(): Readonly<ShallowRef<Assignment | null>> {
  const assignment = shallowRef<Assignment | null>(null);
  whileMounted((client) => watchSegment(client, (a) => (assignment.value = a)));
  return assignment;
}

/** The consent state per purpose, or `null` until the client is ready (and on the server). */
export function useConsent(): Readonly<ShallowRef<ConsentState | null>> {
  const state = shallowRef<ConsentState | null>(null);
  whileMounted((client) => watchConsent(client, (s) => (state.value = s)));
  return state;
}
