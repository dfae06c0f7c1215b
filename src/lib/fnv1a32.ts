/** FNV-1a, 32 bits, over UTF-16 code units (`Math.imul` is the multiplication by the FNV prime mod 2^32). */
export function fnv1a32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 16_777_619);
  return h >>> 0;
}
