import { readFile, writeFile } from 'node:fs/promises'

/**
 * The Firefox preferences that shape how the chosen sites work — cookie and tracking-protection
 * behaviour, languages — and nothing else: no sync account, home page, download folder, recent
 * sites or add-ons. Firefox starts from its defaults for all the rest.
 */
const KEPT = [
  /^network\.cookie\./,
  /^privacy\.(trackingprotection|partition|firstparty)\./,
  /^browser\.contentblocking\.category$/,
  /^intl\.accept_languages$/
]

/** With chosen sites, prefs.js keeps only the allowed `user_pref` lines (one preference each, as Firefox writes them). */
export async function keepFirefoxPrefs(path: string): Promise<void> {
  const text = await readFile(path, 'utf8').catch(() => '')
  const kept = text.split(/\r?\n/).filter((line) => {
    const name = /^user_pref\("([^"]+)",/.exec(line.trim())?.[1]
    return name !== undefined && KEPT.some((pattern) => pattern.test(name))
  })
  await writeFile(path, `// Kept by Profile Porter: the preferences the chosen sites need.\n${kept.join('\n')}\n`, { mode: 0o600 })
}
