/**
 * `edgeseg/react`: a provider and hooks over one edgeseg client.
 *
 * SSR-safe: nothing runs on the server and every hook's first render is the default (no
 * client is asked before an effect), so the server's HTML and the client's first render
 * agree and hydration sees no mismatch; the personalized value follows in an effect.
 */
import { createContext, createElement, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
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

const EdgesegContext = createContext<EdgesegClient | null>(null);

/** Props of {@link EdgesegProvider}: a client of yours, or a config for one it creates. */
export interface EdgesegProviderProps {
  /** A started client (e.g. `window.edgeseg`); the provider then neither starts nor stops it. */
  client?: EdgesegClient;
  /** Without `client`: the config the provider's own client is started with, in the browser only. */
  config?: EdgesegConfigInput;
  children?: ReactNode;
}

/**
 * Makes a client available to the hooks below it. Without `client` it creates one in an
 * effect (never on the server), starts it with `config`, and destroys it on unmount.
 */
export function EdgesegProvider({ client, config, children }: EdgesegProviderProps): ReactNode {
  const [own, setOwn] = useState<EdgesegClient | null>(null);
  // The config is read once, when the client starts: a new object each render must not restart it.
  const startWith = useRef(config);
  useEffect(() => {
    if (client) return undefined;
    const created = createClient();
    void created.init(startWith.current);
    setOwn(created);
    return () => {
      setOwn(null);
      created.destroy();
    };
  }, [client]);
  return createElement(EdgesegContext.Provider, { value: client ?? own }, children);
}

/** The provider's client, or `null` on the server, during hydration and without a provider. */
export function useEdgeseg(): EdgesegClient | null {
  return useContext(EdgesegContext);
}

/**
 * The value of `variants` for the visitor's segment: `variants.default` until the client
 * has decided (and on the server), then the decision's variant, re-rendered whenever the
 * segment, the consent or the slot's decision changes.
 */
export function usePersonalize<T>(slot: string, variants: Variants<T>): T {
  const client = useEdgeseg();
  const [decision, setDecision] = useState<Decision | null>(null);
  const latest = useRef(variants);
  useEffect(() => {
    latest.current = variants;
  });
  useEffect(() => {
    setDecision(null);
    return client ? watchSlot(client, slot, () => latest.current, setDecision) : undefined;
  }, [client, slot]);
  return pickVariant(variants, decision);
}

/** The visitor's assignment, or `null` until it is known (and on the server). */
export function useSegment(): Assignment | null {
  const client = useEdgeseg();
  const [assignment, setAssignment] = useState<Assignment | null>(null);
  useEffect(() => (client ? watchSegment(client, setAssignment) : undefined), [client]);
  return assignment;
}

/** The consent state per purpose, or `null` until the client is ready (and on the server). */
export function useConsent(): ConsentState | null {
  const client = useEdgeseg();
  const [state, setState] = useState<ConsentState | null>(null);
  useEffect(() => (client ? watchConsent(client, setState) : undefined), [client]);
  return state;
}
