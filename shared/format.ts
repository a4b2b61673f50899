/** Sizes as people read them: "812 KB", "1.3 GB". */
export function formatBytes(bytes: number): string {
  const units = ['bytes', 'KB', 'MB', 'GB', 'TB']
  let value = bytes
  let unit = 0
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024
    unit += 1
  }
  return unit === 0 ? count(Math.round(value), 'byte') : `${value < 10 ? value.toFixed(1) : Math.round(value)} ${units[unit]}`
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

/**
 * The form of a noun for a count, as English chooses it: "cookie" for 1, "cookies" for 0 or 3.
 * Intl.PluralRules('en') says the same, but its first use loads ICU's data into the process: a
 * Node process's peak went from 45.9 to 53.6 MB with one made (`/usr/bin/time`), and every process
 * of ours counts something.
 */
export function noun(n: number, singular: string, plural = `${singular}s`): string {
  return n === 1 ? singular : plural
}

/**
 * "1 cookie", "3 cookies", "6,333 files": a count with its noun, for every sentence the window, the
 * CLI and the services say.
 */
export function count(n: number, singular: string, plural = `${singular}s`): string {
  return `${figure(n)} ${noun(n, singular, plural)}`
}

/** A number as it stands in a sentence ("2,000 of 2,000 cookies"): thousands grouped, in the English the app speaks whatever the locale. */
export function figure(n: number): string {
  return n.toLocaleString('en-US')
}

/** Where moved cookies will work, as the window and the CLI both say it: the library's profiles open in a browser here. */
export function whereCookiesWork(local: boolean): string {
  return local ? 'in the browser that opens this profile' : 'in the cloud browser'
}

/** A time left as people say it: "40 s", "3 min", "1.5 h". */
function duration(seconds: number): string {
  if (seconds < 60) return `${Math.max(1, Math.round(seconds))} s`
  if (seconds < 3600) return `${Math.round(seconds / 60)} min`
  return `${(seconds / 3600).toFixed(1)} h`
}

/**
 * A transfer's progress as the window and the CLI both say it: how much of how much, the speed,
 * and the time left — each part only when it is known ("4.0 MB of 30 MB", "3.1 MB/s", "about 8 s left").
 */
export function progressWords(progress: { bytesDone: number; bytesTotal?: number; bytesPerSecond?: number; etaSeconds?: number }): {
  amount?: string
  speed?: string
  left?: string
} {
  return {
    ...(progress.bytesTotal === undefined ? {} : { amount: `${formatBytes(progress.bytesDone)} of ${formatBytes(progress.bytesTotal)}` }),
    ...(progress.bytesPerSecond === undefined ? {} : { speed: `${formatBytes(progress.bytesPerSecond)}/s` }),
    ...(progress.etaSeconds === undefined ? {} : { left: `about ${duration(progress.etaSeconds)} left` })
  }
}

/** Text a service or a schema wrote, ended with exactly one full stop (never "name.." nor none). */
export function sentence(text: string): string {
  const trimmed = text.trim()
  return /[.!?…"”)]$/.test(trimmed) ? trimmed : `${trimmed}.`
}
