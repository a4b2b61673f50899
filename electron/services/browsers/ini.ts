/** Sections of an INI file (profiles.ini, installs.ini, compatibility.ini); keys keep their case. */
export function parseIni(text: string): Map<string, Map<string, string>> {
  const sections = new Map<string, Map<string, string>>()
  let current: Map<string, string> | undefined
  for (const rawLine of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const line = rawLine.trim()
    if (line === '' || line.startsWith(';') || line.startsWith('#')) continue
    const header = /^\[(.+)\]$/.exec(line)
    if (header !== null) {
      current = new Map()
      sections.set(header[1] ?? '', current)
      continue
    }
    const equals = line.indexOf('=')
    if (current !== undefined && equals > 0) current.set(line.slice(0, equals).trim(), line.slice(equals + 1).trim())
  }
  return sections
}
