import { uncompress } from 'snappyjs'
import { Cursor } from './varint'

const MAGIC = Buffer.from([0x57, 0xfb, 0x80, 0x8b, 0x24, 0x75, 0x47, 0xdb])
const NO_COMPRESSION = 0
const SNAPPY = 1
/**
 * Snappy's densest element is a 3-byte copy of 64 bytes: no real block inflates more than 21.4×
 * its compressed size. A block that claims more is damaged or made to exhaust memory.
 */
const SNAPPY_MAX_RATIO = 22

/** How many bytes a store may still inflate to: shared by every block of every table of one store. */
export class InflateBudget {
  constructor(public left: number) {}

  take(bytes: number): void {
    this.left -= bytes
    if (this.left < 0) throw new Error('the store inflates past its size limit')
  }
}

interface Handle {
  offset: number
  size: number
}

function handleAt(cursor: Cursor, table: Buffer): Handle {
  const handle = { offset: cursor.varint(), size: cursor.varint() }
  // The block and its 5-byte trailer (type, checksum) lie inside the file, before the footer.
  if (handle.offset + handle.size + 5 > table.length - 48) throw new Error('a block lies outside its table')
  return handle
}

function block(table: Buffer, handle: Handle, budget: InflateBudget): Buffer {
  const contents = table.subarray(handle.offset, handle.offset + handle.size)
  const type = table[handle.offset + handle.size]
  if (type === NO_COMPRESSION) return contents
  if (type === SNAPPY) {
    const bound = Math.min(contents.length * SNAPPY_MAX_RATIO + 32, budget.left)
    const inflated = Buffer.from(uncompress(new Uint8Array(contents), bound))
    budget.take(inflated.length)
    return inflated
  }
  throw new Error(`a table block uses compression ${type}, which is not read here`)
}

/** The entries of one block: keys share prefixes with the one before; a restart array ends it. */
function* blockEntries(data: Buffer): Generator<{ key: Buffer; value: Buffer }> {
  if (data.length < 4) throw new Error('a block is too short')
  const restarts = data.readUInt32LE(data.length - 4)
  const end = data.length - 4 - restarts * 4
  if (end < 0) throw new Error('a block has more restarts than bytes')
  const cursor = new Cursor(data.subarray(0, end))
  let previous = Buffer.alloc(0)
  while (cursor.at < end) {
    const shared = cursor.varint()
    const unshared = cursor.varint()
    const valueLength = cursor.varint()
    if (shared > previous.length) throw new Error('a key shares more than the one before it')
    const key = Buffer.concat([previous.subarray(0, shared), cursor.bytes(unshared)])
    yield { key, value: cursor.bytes(valueLength) }
    previous = key
  }
}

/**
 * Every entry of a LevelDB table file (.ldb / .sst), as internal keys (user key ‖ 8-byte sequence
 * and type). Every handle must lie inside the file and each data block is read once, so a crafted
 * index cannot make one small block be inflated again and again.
 */
export function* readTable(
  table: Buffer,
  budget: InflateBudget = new InflateBudget(table.length * SNAPPY_MAX_RATIO)
): Generator<{
  key: Buffer
  value: Buffer
}> {
  if (table.length < 48 || !table.subarray(table.length - 8).equals(MAGIC)) throw new Error('not a LevelDB table')
  const footer = new Cursor(table.subarray(table.length - 48))
  handleAt(footer, table)
  const index = handleAt(footer, table)
  const seen = new Set<number>()
  for (const entry of blockEntries(block(table, index, budget))) {
    const handle = handleAt(new Cursor(entry.value), table)
    if (seen.has(handle.offset)) throw new Error('the index names one block twice')
    seen.add(handle.offset)
    yield* blockEntries(block(table, handle, budget))
  }
}
