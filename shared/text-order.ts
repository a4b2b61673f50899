/**
 * Code-point order, for the text we sort: lowercase site names and hosts, ISO times, and file names
 * (an archive's order must not depend on the locale). For site names and times it is the order
 * localeCompare gives, without loading ICU's collation data, which added 2.9 MB to a Node process's
 * peak (`/usr/bin/time`) — in the packing thread, the main process, the CLI.
 */
export function textOrder(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0
}
