/** A key as people may see it: its prefix and last four characters ("hk-…3f9a"). */
export function keyHint(key: string): string {
  const prefix = /^[a-z]+[-_]/i.exec(key)?.[0] ?? ''
  return key.length <= prefix.length + 8 ? `${prefix}…` : `${prefix}…${key.slice(-4)}`
}
