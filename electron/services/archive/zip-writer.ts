import { createReadStream } from 'node:fs'
import { Transform } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { promisify } from 'node:util'
import { crc32, createDeflateRaw, deflateRaw, deflateRawSync } from 'node:zlib'
import type { ArchiveEntry } from './entries'
import type { HashingFileSink } from './hashing-sink'
import { readAhead } from './read-ahead'

const deflateRawAsync = promisify(deflateRaw)
const MAX32 = 0xffffffff
const UTF8_NAMES = 0x0800
const DATA_DESCRIPTOR = 0x0008
const STORED = 0
const DEFLATED = 8
const MADE_BY_UNIX = (3 << 8) | 45

interface Prepared {
  crc: number
  method: number
  payload: Buffer
  size: number
}

interface CentralRecord {
  /**
   * Kept as a string until written: a small Buffer would come from Node's shared 8 KiB pool and,
   * living to the end, pin the slab together with file data that shared it.
   */
  name: string
  flags: number
  method: number
  time: number
  date: number
  crc: number
  csize: number
  usize: number
  offset: number
}

export interface ZipOptions {
  level?: number
  signal?: AbortSignal
  onRead?(bytes: number): void
}

function dosTime(moment: Date): { time: number; date: number } {
  const d = moment.getFullYear() < 1980 ? new Date(1980, 0, 1) : moment
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1),
    date: ((d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate()
  }
}

function zip64Extra(values: number[]): Buffer {
  if (values.length === 0) return Buffer.alloc(0)
  const extra = Buffer.alloc(4 + values.length * 8)
  extra.writeUInt16LE(0x0001, 0)
  extra.writeUInt16LE(values.length * 8, 2)
  values.forEach((value, index) => extra.writeBigUInt64LE(BigInt(value), 4 + index * 8))
  return extra
}

function localHeader(record: CentralRecord, streamed: boolean, large: boolean): Buffer {
  const name = Buffer.from(record.name, 'utf8')
  const extra = streamed && large ? zip64Extra([0, 0]) : Buffer.alloc(0)
  const header = Buffer.alloc(30)
  header.writeUInt32LE(0x04034b50, 0)
  header.writeUInt16LE(large ? 45 : 20, 4)
  header.writeUInt16LE(record.flags, 6)
  header.writeUInt16LE(record.method, 8)
  header.writeUInt16LE(record.time, 10)
  header.writeUInt16LE(record.date, 12)
  header.writeUInt32LE(streamed ? 0 : record.crc, 14)
  header.writeUInt32LE(streamed ? 0 : record.csize, 18)
  header.writeUInt32LE(streamed ? 0 : record.usize, 22)
  header.writeUInt16LE(name.length, 26)
  header.writeUInt16LE(extra.length, 28)
  return Buffer.concat([header, name, extra])
}

function centralHeader(record: CentralRecord): Buffer {
  const name = Buffer.from(record.name, 'utf8')
  const overflow = [record.usize, record.csize, record.offset].filter((value) => value >= MAX32)
  const extra = zip64Extra(overflow)
  const header = Buffer.alloc(46)
  header.writeUInt32LE(0x02014b50, 0)
  header.writeUInt16LE(MADE_BY_UNIX, 4)
  header.writeUInt16LE(overflow.length > 0 ? 45 : 20, 6)
  header.writeUInt16LE(record.flags, 8)
  header.writeUInt16LE(record.method, 10)
  header.writeUInt16LE(record.time, 12)
  header.writeUInt16LE(record.date, 14)
  header.writeUInt32LE(record.crc, 16)
  header.writeUInt32LE(Math.min(record.csize, MAX32), 20)
  header.writeUInt32LE(Math.min(record.usize, MAX32), 24)
  header.writeUInt16LE(name.length, 28)
  header.writeUInt16LE(extra.length, 30)
  header.writeUInt32LE((0o100644 << 16) >>> 0, 38)
  header.writeUInt32LE(Math.min(record.offset, MAX32), 42)
  return Buffer.concat([header, name, extra])
}

function endOfCentralDirectory(count: number, size: number, offset: number): Buffer {
  const needs64 = count >= 0xffff || size >= MAX32 || offset >= MAX32
  const parts: Buffer[] = []
  if (needs64) {
    const record = Buffer.alloc(56)
    record.writeUInt32LE(0x06064b50, 0)
    record.writeBigUInt64LE(44n, 4)
    record.writeUInt16LE(MADE_BY_UNIX, 12)
    record.writeUInt16LE(45, 14)
    record.writeBigUInt64LE(BigInt(count), 24)
    record.writeBigUInt64LE(BigInt(count), 32)
    record.writeBigUInt64LE(BigInt(size), 40)
    record.writeBigUInt64LE(BigInt(offset), 48)
    const locator = Buffer.alloc(20)
    locator.writeUInt32LE(0x07064b50, 0)
    locator.writeBigUInt64LE(BigInt(offset + size), 8)
    locator.writeUInt32LE(1, 16)
    parts.push(record, locator)
  }
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(Math.min(count, 0xffff), 8)
  end.writeUInt16LE(Math.min(count, 0xffff), 10)
  end.writeUInt32LE(Math.min(size, MAX32), 12)
  end.writeUInt32LE(Math.min(offset, MAX32), 16)
  parts.push(end)
  return Buffer.concat(parts)
}

/** Below this, a thread-pool round trip costs more than deflating on the spot. */
const INLINE_DEFLATE_BYTES = 32 * 1024

async function prepareSmall(data: Buffer, level: number): Promise<Prepared> {
  const crc = crc32(data)
  if (data.length === 0) return { crc, method: STORED, payload: data, size: 0 }
  // zlib's default 16 KiB output chunk would be kept alive by each small payload's slice; sized
  // to the input, tens of thousands of small files no longer outrun the garbage collector.
  const chunkSize = Math.max(64, Math.min(data.length + 64, 64 * 1024))
  const compressed = data.length < INLINE_DEFLATE_BYTES ? deflateRawSync(data, { level, chunkSize }) : await deflateRawAsync(data, { level, chunkSize })
  return compressed.length < data.length
    ? { crc, method: DEFLATED, payload: compressed, size: data.length }
    : { crc, method: STORED, payload: data, size: data.length }
}

/** Streams a large file through deflate, with CRC and sizes in a data descriptor after it. */
async function writeStreamed(record: CentralRecord, file: string, sink: HashingFileSink, level: number, options: ZipOptions): Promise<void> {
  const large = record.usize >= MAX32
  await sink.write(localHeader(record, true, large))
  let crc = 0
  let usize = 0
  let csize = 0
  const tap = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      crc = crc32(chunk, crc)
      usize += chunk.length
      options.onRead?.(chunk.length)
      done(null, chunk)
    }
  })
  const deflater = createDeflateRaw({ level })
  const pumping = pipeline(createReadStream(file, { highWaterMark: 1024 * 1024, signal: options.signal }), tap, deflater)
  for await (const out of deflater as AsyncIterable<Buffer>) {
    csize += out.length
    await sink.write(out)
  }
  await pumping
  Object.assign(record, { crc, usize, csize })
  const descriptor = Buffer.alloc(large ? 24 : 16)
  descriptor.writeUInt32LE(0x08074b50, 0)
  descriptor.writeUInt32LE(crc, 4)
  if (large) {
    descriptor.writeBigUInt64LE(BigInt(csize), 8)
    descriptor.writeBigUInt64LE(BigInt(usize), 16)
  } else {
    descriptor.writeUInt32LE(csize, 8)
    descriptor.writeUInt32LE(usize, 12)
  }
  await sink.write(descriptor)
}

/** Writes a zip of the entries, in order, with UTF-8 names and `/` separators. */
export async function writeZip(entries: ArchiveEntry[], sink: HashingFileSink, options: ZipOptions = {}): Promise<void> {
  const level = options.level ?? 1
  const records: CentralRecord[] = []
  const ahead = readAhead(entries, (_entry, data) => prepareSmall(data, level), { window: 64, budgetBytes: 32 * 1024 * 1024, ...(options.signal ? { signal: options.signal } : {}) })
  for await (const { entry, prepared } of ahead) {
    const { time, date } = dosTime(entry.mtime)
    const record: CentralRecord = {
      name: entry.path,
      flags: UTF8_NAMES,
      method: prepared?.method ?? DEFLATED,
      time,
      date,
      crc: prepared?.crc ?? 0,
      csize: prepared?.payload.length ?? 0,
      usize: prepared?.size ?? entry.size,
      offset: sink.offset
    }
    if (prepared !== undefined) {
      await sink.write(localHeader(record, false, false))
      await sink.write(prepared.payload)
      options.onRead?.(prepared.size)
    } else if ('file' in entry.source) {
      record.flags |= DATA_DESCRIPTOR
      await writeStreamed(record, entry.source.file, sink, level, options)
    }
    records.push(record)
  }
  const start = sink.offset
  let batch: Buffer[] = []
  let batchBytes = 0
  for (const record of records) {
    const header = centralHeader(record)
    batch.push(header)
    batchBytes += header.length
    if (batchBytes > 256 * 1024) {
      await sink.write(Buffer.concat(batch))
      batch = []
      batchBytes = 0
    }
  }
  if (batch.length > 0) await sink.write(Buffer.concat(batch))
  await sink.write(endOfCentralDirectory(records.length, sink.offset - start, start))
}
