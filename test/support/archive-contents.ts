import { readFile, readdir } from 'node:fs/promises'
import { join, relative } from 'node:path'
import { readLevelDb } from '../../electron/services/leveldb/read-db'
import { allRows, openDatabase } from '../../electron/services/sqlite/open-database'

export interface ReadBack {
  path: string
  /** Every way the file can be read: its bytes (as Latin-1 and as UTF-16 at both alignments), and its rows or entries. */
  text: string
}

const asText = (bytes: Buffer) => [bytes.toString('latin1'), bytes.toString('utf16le'), bytes.subarray(1).toString('utf16le')].join('\n')

/** Every row of every table, blobs as text too. */
async function sqliteRows(path: string): Promise<string> {
  const database = await openDatabase(path)
  try {
    const tables = allRows(database, "SELECT name FROM sqlite_master WHERE type = 'table'").map((row) => String(row['name']))
    return tables
      .flatMap((table) => allRows(database, `SELECT * FROM "${table}"`))
      .flatMap((row) => Object.values(row).map((value) => (value instanceof Uint8Array ? asText(Buffer.from(value)) : String(value))))
      .join('\n')
  } finally {
    database.close()
  }
}

async function levelDbEntries(dir: string): Promise<string> {
  const entries = await readLevelDb(dir)
  return [...entries.values()].map(({ key, value }) => `${asText(key)}\n${asText(value)}`).join('\n')
}

/**
 * Every file under a folder read back as an importer of the archive could: SQLite databases row by
 * row, LevelDB stores entry by entry (compressed blocks inflated), JSON and everything else as bytes.
 */
export async function readEverything(dir: string): Promise<ReadBack[]> {
  const read: ReadBack[] = []
  const entries = (await readdir(dir, { recursive: true, withFileTypes: true })).filter((entry) => entry.isFile())
  for (const entry of entries) {
    const path = join(entry.parentPath, entry.name)
    const bytes = await readFile(path)
    let text = asText(bytes)
    if (bytes.subarray(0, 15).toString('latin1') === 'SQLite format 3') text += `\n${await sqliteRows(path)}`
    if (entry.name === 'CURRENT') text += `\n${await levelDbEntries(entry.parentPath)}`
    if (entry.name.endsWith('.json') || ['Preferences', 'Local State'].includes(entry.name))
      text += `\n${JSON.stringify(JSON.parse(bytes.toString('utf8')))}`
    read.push({ path: relative(dir, path), text })
  }
  return read
}

/** Which of the needles appear in which file: empty when none does. */
export function occurrences(files: ReadBack[], needles: string[]): string[] {
  return files.flatMap((file) => needles.filter((needle) => file.text.includes(needle)).map((needle) => `${file.path}: ${needle}`))
}
