/**
 * A random identifier for events and sessions. Uses `crypto.randomUUID` where present
 * (every secure context); falls back to `getRandomValues`, and to Math.random only where
 * neither exists, since these ids need uniqueness, not secrecy.
 */
export function randomId(): string {
  const c = (globalThis as { crypto?: Crypto }).crypto;
  if (c?.randomUUID) return c.randomUUID();
  const bytes = new Uint8Array(16);
  if (c?.getRandomValues) c.getRandomValues(bytes);
  else for (let i = 0; i < 16; i++) bytes[i] = Math.floor(Math.random() * 256);
  let out = '';
  for (const b of bytes) out += b.toString(16).padStart(2, '0');
  return out;
}
