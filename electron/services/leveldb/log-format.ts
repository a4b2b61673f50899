import { buf as crc32c } from 'crc-32/crc32c'

/**
 * LevelDB's log format (write-ahead logs and MANIFESTs): 32 KiB blocks of records, each with a
 * masked CRC-32C, a length and a type; a record too long for the block is cut into fragments.
 */
const BLOCK = 32 * 1024
const HEADER = 7
const FULL = 1
const FIRST = 2
const MIDDLE = 3
const LAST = 4

function masked(type: number, data: Buffer): number {
  const crc = crc32c(data, crc32c(Buffer.from([type]))) >>> 0
  return (((crc >>> 15) | (crc << 17)) + 0xa282ead8) >>> 0
}

/** Whole records, fragments joined; reading stops at the first damaged one, as LevelDB's recovery does. */
export function* readLogRecords(data: Buffer): Generator<Buffer> {
  let at = 0
  let pending: Buffer[] = []
  while (at + HEADER <= data.length) {
    const left = BLOCK - (at % BLOCK)
    if (left < HEADER) {
      at += left
      continue
    }
    const crc = data.readUInt32LE(at)
    const length = data.readUInt16LE(at + 4)
    const type = data[at + 6] ?? 0
    if (type === 0 && length === 0) return
    const body = data.subarray(at + HEADER, at + HEADER + length)
    if (body.length !== length || masked(type, body) !== crc) return
    at += HEADER + length
    if (type === FULL) yield body
    else if (type === FIRST) pending = [body]
    else if (type === MIDDLE) pending.push(body)
    else if (type === LAST) {
      pending.push(body)
      yield Buffer.concat(pending)
      pending = []
    }
  }
}

export function writeLogRecords(records: Buffer[]): Buffer {
  const out: Buffer[] = []
  let at = 0
  for (const record of records) {
    let offset = 0
    let first = true
    do {
      const left = BLOCK - (at % BLOCK)
      if (left < HEADER) {
        out.push(Buffer.alloc(left))
        at += left
        continue
      }
      const take = Math.min(left - HEADER, record.length - offset)
      const last = offset + take === record.length
      const type = first && last ? FULL : first ? FIRST : last ? LAST : MIDDLE
      const body = record.subarray(offset, offset + take)
      const header = Buffer.alloc(HEADER)
      header.writeUInt32LE(masked(type, body), 0)
      header.writeUInt16LE(take, 4)
      header[6] = type
      out.push(header, body)
      at += HEADER + take
      offset += take
      first = false
    } while (offset < record.length)
  }
  return Buffer.concat(out)
}
