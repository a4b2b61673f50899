/** Sizes as people read them: "812 KB", "1.3 GB". */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit += 1
  }
  return unit === 0 ? `${value} ${value === 1 ? 'byte' : 'bytes'}` : `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`
}

/**
 * A size beside a limit. Where the usual rounding would print the same number twice ("1.0 GB of
 * 1.0 GB"), both get as many decimals as it takes to read differently ("1.02 GB of 1.00 GB"), so a
 * message never says a size is too large while showing it equal to the limit.
 */
export function formatBytesAgainst(value: number, limit: number): [value: string, limit: string] {
  const plain: [string, string] = [formatBytes(value), formatBytes(limit)]
  if (plain[0] !== plain[1] || value === limit) return plain
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB']
  let unit = 0
  while (Math.max(value, limit) / 1024 ** (unit + 1) >= 1 && unit < units.length - 1) unit += 1
  const scale = 1024 ** unit
  for (let decimals = 2; ; decimals++) {
    const a = (value / scale).toFixed(decimals)
    const b = (limit / scale).toFixed(decimals)
    if (a !== b || decimals >= 6) return [`${a} ${units[unit]}`, `${b} ${units[unit]}`]
  }
}

/** "1 cookie", "3 cookies": a count with its noun, for the sentences the window and the CLI say. */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${n} ${n === 1 ? noun : plural}`
}

/** Text a service or a schema wrote, ended with exactly one full stop (never "name.." nor none). */
export function sentence(text: string): string {
  const trimmed = text.trim()
  return /[.!?…"”)]$/.test(trimmed) ? trimmed : `${trimmed}.`
}
