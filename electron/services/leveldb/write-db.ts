import { mkdir, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { writeLogRecords } from './log-format'
import { lengthPrefixed, varint } from './varint'

const COMPARATOR = Buffer.from('leveldb.BytewiseComparator')

/**
 * A new LevelDB folder holding these entries, laid out as a freshly created database whose first
 * writes are still in its log: CURRENT, MANIFEST-000001 (comparator, log 0, next file 2) and
 * 000003.log with one write batch. LevelDB (and so the browser) replays the log when it opens it.
 */
export async function writeLevelDb(dir: string, entries: Array<{ key: Buffer; value: Buffer }>): Promise<void> {
  await mkdir(dir, { recursive: true, mode: 0o700 })
  const edit = Buffer.concat([varint(1), lengthPrefixed(COMPARATOR), varint(2), varint(0), varint(3), varint(2), varint(4), varint(0)])
  const header = Buffer.alloc(12)
  header.writeBigUInt64LE(1n, 0)
  header.writeUInt32LE(entries.length, 8)
  const batch = Buffer.concat([
    header,
    ...entries.flatMap(({ key, value }) => [Buffer.from([1]), lengthPrefixed(key), lengthPrefixed(value)])
  ])
  await writeFile(join(dir, 'MANIFEST-000001'), writeLogRecords([edit]), { mode: 0o600 })
  await writeFile(join(dir, '000003.log'), writeLogRecords(entries.length === 0 ? [] : [batch]), { mode: 0o600 })
  await writeFile(join(dir, 'CURRENT'), 'MANIFEST-000001\n', { mode: 0o600 })
}
