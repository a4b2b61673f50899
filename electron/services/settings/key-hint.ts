/**
 * A key as people may see it, to tell keys apart: at most its first four and last four characters,
 * and never more than a third of it ("hk-l…3f9a"), so a hint never gives much of a key away.
 */
export function keyHint(key: string): string {
  const visible = Math.min(8, Math.floor(key.length / 3))
  const head = Math.floor(visible / 2)
  const tail = visible - head
  return `${key.slice(0, head)}…${tail > 0 ? key.slice(-tail) : ''}`
}
