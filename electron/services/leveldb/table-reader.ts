import { uncompress } from 'snappyjs'
import { Cursor } from './varint'

const MAGIC = Buffer.from([0x57, 0xfb, 0x80, 0x8b, 0x24, 0x75, 0x47, 0xdb])
const NO_COMPRESSION = 0
const SNAPPY = 1

interface Handle {
  offset: number
  size: number
}

function handleAt(cursor: Cursor): Handle {
  return { offset: cursor.varint(), size: cursor.varint() }
}

function block(table: Buffer, handle: Handle): Buffer {
  const contents = table.subarray(handle.offset, handle.offset + handle.size)
  const type = table[handle.offset + handle.size]
  if (type === NO_COMPRESSION) return contents
  if (type === SNAPPY) return Buffer.from(uncompress(new Uint8Array(contents)))
  throw new Error(`a table block uses compression ${type}, which is not read here`)
}

/** The entries of one block: keys share prefixes with the one before; a restart array ends it. */
function* blockEntries(data: Buffer): Generator<{ key: Buffer; value: Buffer }> {
  const restarts = data.readUInt32LE(data.length - 4)
  const end = data.length - 4 - restarts * 4
  const cursor = new Cursor(data)
  let previous = Buffer.alloc(0)
  while (cursor.at < end) {
    const shared = cursor.varint()
    const unshared = cursor.varint()
    const valueLength = cursor.varint()
    const key = Buffer.concat([previous.subarray(0, shared), cursor.bytes(unshared)])
    yield { key, value: cursor.bytes(valueLength) }
    previous = key
  }
}

/** Every entry of a LevelDB table file (.ldb / .sst), as internal keys (user key ‖ 8-byte sequence and type). */
export function* readTable(table: Buffer): Generator<{ key: Buffer; value: Buffer }> {
  if (table.length < 48 || !table.subarray(table.length - 8).equals(MAGIC)) throw new Error('not a LevelDB table')
  const footer = new Cursor(table.subarray(table.length - 48))
  handleAt(footer)
  const index = handleAt(footer)
  for (const entry of blockEntries(block(table, index))) yield* blockEntries(block(table, handleAt(new Cursor(entry.value))))
}
