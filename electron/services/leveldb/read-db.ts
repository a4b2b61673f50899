import { readFile, readdir, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { readLogRecords } from './log-format'
import { InflateBudget, readTable } from './table-reader'
import { Cursor } from './varint'

/**
 * What one store may hold, read and inflated: far above any Local Storage a browser keeps (10 MB per
 * origin), far below what would exhaust memory. A store past it is not read at all.
 */
const STORE_LIMIT_BYTES = 128 * 1024 * 1024

/** The store's files, read only when each is a regular file and all of them fit the limit. */
class StoreFiles {
  private left: number

  constructor(
    private readonly dir: string,
    limit: number
  ) {
    this.left = limit
  }

  async read(name: string): Promise<Buffer> {
    const path = join(this.dir, name)
    const stats = await stat(path)
    if (!stats.isFile()) throw new Error(`${name} is not a regular file`)
    this.left -= stats.size
    if (this.left < 0) throw new Error('the store is larger than its size limit')
    return readFile(path)
  }
}

const VALUE = 1

interface Version {
  logNumber: number
  prevLogNumber: number
  tables: Set<number>
}

/** Replays the MANIFEST's version edits: which table files are live, and which logs still count. */
function replayManifest(manifest: Buffer): Version {
  const version: Version = { logNumber: 0, prevLogNumber: 0, tables: new Set() }
  for (const record of readLogRecords(manifest)) {
    const cursor = new Cursor(record)
    while (!cursor.done) {
      const tag = cursor.varint()
      switch (tag) {
        case 1: // comparator name
          cursor.lengthPrefixed()
          break
        case 2:
          version.logNumber = cursor.varint()
          break
        case 9:
          version.prevLogNumber = cursor.varint()
          break
        case 3: // next file number
        case 4: // last sequence
          cursor.varint()
          break
        case 5: // compaction pointer: level, key
          cursor.varint()
          cursor.lengthPrefixed()
          break
        case 6: // deleted file: level, number
          cursor.varint()
          version.tables.delete(cursor.varint())
          break
        case 7: // new file: level, number, size, smallest and largest keys
          cursor.varint()
          version.tables.add(cursor.varint())
          cursor.varint()
          cursor.lengthPrefixed()
          cursor.lengthPrefixed()
          break
        default:
          throw new Error(`unknown MANIFEST field ${tag}`)
      }
    }
  }
  return version
}

/** The operations of one write batch: sequence, then puts and deletions in order. */
function* batchOperations(batch: Buffer): Generator<{ key: Buffer; sequence: number; value?: Buffer }> {
  if (batch.length < 12) throw new Error('a write batch is too short')
  const cursor = new Cursor(batch)
  const sequence = Number(batch.readBigUInt64LE(0))
  const count = batch.readUInt32LE(8)
  cursor.at = 12
  for (let index = 0; index < count; index++) {
    const type = cursor.bytes(1)[0]
    const key = cursor.lengthPrefixed()
    yield type === VALUE ? { key, sequence: sequence + index, value: cursor.lengthPrefixed() } : { key, sequence: sequence + index }
  }
}

/**
 * The current contents of a LevelDB folder, read without LevelDB: the live tables named by the
 * MANIFEST and the logs not yet folded into them, the newest value of each key winning.
 */
export async function readLevelDb(dir: string, options: { maxBytes?: number } = {}): Promise<Map<string, { key: Buffer; value: Buffer }>> {
  const limit = options.maxBytes ?? STORE_LIMIT_BYTES
  const store = new StoreFiles(dir, limit)
  const current = (await store.read('CURRENT')).toString('utf8').trim()
  if (!/^MANIFEST-\d+$/.test(current)) throw new Error('CURRENT names no MANIFEST')
  const version = replayManifest(await store.read(current))
  const newest = new Map<string, { key: Buffer; sequence: number; value?: Buffer }>()
  const take = (key: Buffer, sequence: number, value: Buffer | undefined) => {
    const name = key.toString('latin1')
    if ((newest.get(name)?.sequence ?? -1) <= sequence) newest.set(name, { key, sequence, ...(value === undefined ? {} : { value }) })
  }
  const files = await readdir(dir)
  // Tables inflate from what they hold: the budget is their real size times snappy's densest ratio, and never past the limit.
  const budget = new InflateBudget(limit)
  for (const file of files) {
    const number = Number(/^(\d+)\.(ldb|sst)$/.exec(file)?.[1] ?? NaN)
    if (!version.tables.has(number)) continue
    for (const { key, value } of readTable(await store.read(file), budget)) {
      if (key.length < 8) throw new Error('a table key is too short')
      const tag = key.readBigUInt64LE(key.length - 8)
      take(key.subarray(0, key.length - 8), Number(tag >> 8n), Number(tag & 0xffn) === VALUE ? value : undefined)
    }
  }
  for (const file of files) {
    const number = Number(/^(\d+)\.log$/.exec(file)?.[1] ?? NaN)
    if (!(number >= version.logNumber || number === version.prevLogNumber)) continue
    for (const batch of readLogRecords(await store.read(file))) {
      for (const operation of batchOperations(batch)) take(operation.key, operation.sequence, operation.value)
    }
  }
  const contents = new Map<string, { key: Buffer; value: Buffer }>()
  for (const [name, entry] of newest) if (entry.value !== undefined) contents.set(name, { key: entry.key, value: entry.value })
  return contents
}
