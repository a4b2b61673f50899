import { open, rm, type FileHandle } from 'node:fs/promises'
import { extname } from 'node:path'
import { promisify } from 'node:util'
import { crc32, deflateRaw, deflateRawSync } from 'node:zlib'
import { writeAll } from '../fs/write-all'
import { BlockDeflater, INCOMPRESSIBLE } from './block-deflate'
import { portableMode, type ArchiveEntry } from './entries'
import { readChunks } from './entry-source'
import type { HashingFileSink } from './hashing-sink'
import { READ_AHEAD, readAhead } from './read-ahead'
import { ReusedDeflate } from './reused-deflate'

const deflateRawAsync = promisify(deflateRaw)
const MAX32 = 0xffffffff
const UTF8_NAMES = 0x0800
const DATA_DESCRIPTOR = 0x0008
const STORED = 0
const DEFLATED = 8
const MADE_BY_UNIX = (3 << 8) | 45
const S_IFREG = 0o100000
const S_IFDIR = 0o040000
const MSDOS_DIRECTORY = 0x10

/** Formats that are compressed already: deflating them again costs time and saves nothing. */
const ALREADY_COMPRESSED = new Set([
  '.jpg',
  '.jpeg',
  '.png',
  '.gif',
  '.webp',
  '.avif',
  '.heic',
  '.mp3',
  '.mp4',
  '.m4a',
  '.webm',
  '.ogg',
  '.opus',
  '.zip',
  '.gz',
  '.tgz',
  '.bz2',
  '.xz',
  '.zst',
  '.br',
  '.7z',
  '.rar',
  '.woff',
  '.woff2',
  '.crx',
  '.pdf'
])

interface Prepared {
  crc: number
  method: number
  payload: Buffer
  size: number
}

export interface ZipOptions {
  level?: number
  signal?: AbortSignal
  onRead?(bytes: number): void
}

/** The range MS-DOS dates can say, in this computer's time zone as they are. */
const EARLIEST_DOS = new Date(1980, 0, 1).getTime()
const LATEST_DOS = new Date(2107, 11, 31, 23, 59, 58).getTime()

/**
 * MS-DOS date and time, the only one every reader knows: 1980 to 2107, two-second steps. Times
 * outside are clamped; the exact time travels in the extended-timestamp field beside it.
 */
function dosDateTime(mtimeMs: number): { time: number; date: number } {
  const d = new Date(Math.min(LATEST_DOS, Math.max(EARLIEST_DOS, mtimeMs)))
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1),
    date: ((d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate()
  }
}

const TIMESTAMP_BYTES = 9

/** The "UT" extra field (0x5455) carries the modification time in whole seconds, when it fits 32 bits. */
function fitsTimestamp(mtimeMs: number): boolean {
  const seconds = Math.floor(mtimeMs / 1000)
  return seconds >= -(2 ** 31) && seconds < 2 ** 31
}

function writeTimestamp(target: Buffer, at: number, mtimeMs: number): void {
  target.writeUInt16LE(0x5455, at)
  target.writeUInt16LE(5, at + 2)
  target.writeUInt8(1, at + 4)
  target.writeInt32LE(Math.floor(mtimeMs / 1000), at + 5)
}

function writeZip64Extra(target: Buffer, at: number, values: number[]): void {
  if (values.length === 0) return
  target.writeUInt16LE(0x0001, at)
  target.writeUInt16LE(values.length * 8, at + 2)
  values.forEach((value, index) => target.writeBigUInt64LE(BigInt(value), at + 4 + index * 8))
}

/** A header's fixed part, its name and its extra fields (ZIP64 values, then the timestamp) in one buffer. */
function headerWith(fixed: number, record: Record, zip64Values: number[]): { header: Buffer; extraLength: number } {
  const zip64Length = zip64Values.length === 0 ? 0 : 4 + zip64Values.length * 8
  const extraLength = zip64Length + (fitsTimestamp(record.mtimeMs) ? TIMESTAMP_BYTES : 0)
  const header = Buffer.alloc(fixed + record.name.length + extraLength)
  record.name.copy(header, fixed)
  writeZip64Extra(header, fixed + record.name.length, zip64Values)
  if (extraLength > zip64Length) writeTimestamp(header, fixed + record.name.length + zip64Length, record.mtimeMs)
  return { header, extraLength }
}

/**
 * Whether a streamed entry must be written as ZIP64 before its compressed size is known: deflate
 * may grow data a little (5 bytes per stored block, plus a sync flush per MiB), so the decision
 * takes the worst case of the compressed size too, not only the file's own size.
 */
export function streamedNeedsZip64(size: number): boolean {
  return size + Math.ceil(size / 1000) + 1024 * 1024 >= MAX32
}

interface Record {
  name: Buffer
  flags: number
  method: number
  mtimeMs: number
  /** dosDateTime(mtimeMs), worked out once for both headers. */
  dos: { time: number; date: number }
  crc: number
  csize: number
  usize: number
  offset: number
  attributes: number
  /** ZIP64 was announced in the local header (the data descriptor then has 64-bit sizes). */
  zip64: boolean
}

function localHeader(record: Record, streamed: boolean): Buffer {
  const { time, date } = record.dos
  const zip64Values = record.zip64 ? [streamed ? 0 : record.usize, streamed ? 0 : record.csize] : []
  const { header, extraLength } = headerWith(30, record, zip64Values)
  header.writeUInt32LE(0x04034b50, 0)
  header.writeUInt16LE(record.zip64 ? 45 : 20, 4)
  header.writeUInt16LE(record.flags, 6)
  header.writeUInt16LE(record.method, 8)
  header.writeUInt16LE(time, 10)
  header.writeUInt16LE(date, 12)
  header.writeUInt32LE(streamed ? 0 : record.crc, 14)
  header.writeUInt32LE(streamed ? 0 : record.zip64 ? MAX32 : record.csize, 18)
  header.writeUInt32LE(streamed ? 0 : record.zip64 ? MAX32 : record.usize, 22)
  header.writeUInt16LE(record.name.length, 26)
  header.writeUInt16LE(extraLength, 28)
  return header
}

function centralHeader(record: Record): Buffer {
  const { time, date } = record.dos
  // In the ZIP64 extra field, in this order, only the values that do not fit 32 bits.
  const overflow = [record.usize, record.csize, record.offset].filter((value) => value >= MAX32)
  const { header, extraLength } = headerWith(46, record, overflow)
  header.writeUInt32LE(0x02014b50, 0)
  header.writeUInt16LE(MADE_BY_UNIX, 4)
  header.writeUInt16LE(overflow.length > 0 || record.zip64 ? 45 : 20, 6)
  header.writeUInt16LE(record.flags, 8)
  header.writeUInt16LE(record.method, 10)
  header.writeUInt16LE(time, 12)
  header.writeUInt16LE(date, 14)
  header.writeUInt32LE(record.crc >>> 0, 16)
  header.writeUInt32LE(Math.min(record.csize, MAX32), 20)
  header.writeUInt32LE(Math.min(record.usize, MAX32), 24)
  header.writeUInt16LE(record.name.length, 28)
  header.writeUInt16LE(extraLength, 30)
  header.writeUInt32LE(record.attributes >>> 0, 38)
  header.writeUInt32LE(Math.min(record.offset, MAX32), 42)
  return header
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

/**
 * The central directory as it grows: headers packed back to back in a 1 MiB block, each full block
 * appended to a file beside the archive, so memory stays flat however many entries there are
 * (kept in memory, 100,000 entries held ~10 MB to the end); an archive of fewer than ~10,000
 * entries never fills a block and never touches the disk for it.
 */
class CentralDirectory {
  private readonly block = Buffer.allocUnsafe(1024 * 1024)
  private used = 0
  private spilled: FileHandle | undefined
  private readonly spill: string
  count = 0

  constructor(archivePath: string) {
    this.spill = `${archivePath}.directory`
  }

  async add(header: Buffer): Promise<void> {
    if (this.used + header.length > this.block.length) {
      this.spilled ??= await open(this.spill, 'w+', 0o600)
      await writeAll(this.spilled, this.block.subarray(0, this.used))
      this.used = 0
    }
    header.copy(this.block, this.used)
    this.used += header.length
    this.count += 1
  }

  /** The whole directory, in order, through the block (each piece valid until the next is asked for). */
  async *parts(): AsyncGenerator<Buffer> {
    const tail = Buffer.from(this.block.subarray(0, this.used))
    if (this.spilled !== undefined)
      for (let position = 0, read = -1; read !== 0; position += read) {
        ;({ bytesRead: read } = await this.spilled.read(this.block, 0, this.block.length, position))
        if (read > 0) yield this.block.subarray(0, read)
      }
    yield tail
  }

  /** Removes what was spilled, however the archive ended. */
  async dispose(): Promise<void> {
    if (this.spilled === undefined) return
    await this.spilled.close().catch(() => undefined)
    await rm(this.spill, { force: true })
  }
}

/** Below this, a thread-pool round trip costs more than deflating on the spot. */
const INLINE_DEFLATE_BYTES = 32 * 1024

async function prepareSmall(data: Buffer, level: number, inline: ReusedDeflate): Promise<Prepared> {
  const crc = crc32(data)
  if (data.length === 0) return { crc, method: STORED, payload: data, size: 0 }
  // On the thread pool, zlib's default 16 KiB output chunk would be kept alive by each payload's
  // slice; sized to the input, thousands of such files no longer outrun the garbage collector.
  const compressed =
    data.length < INLINE_DEFLATE_BYTES
      ? inline.deflate(data)
      : await deflateRawAsync(data, { level, chunkSize: Math.min(data.length + 64, 64 * 1024) })
  return compressed.length < data.length * INCOMPRESSIBLE
    ? { crc, method: DEFLATED, payload: compressed, size: data.length }
    : { crc, method: STORED, payload: data, size: data.length }
}

/** How much of a large file's start decides whether deflating it is worth it: a sample small enough that its output is too. */
const PROBE_BYTES = 128 * 1024

/** Whether deflate is worth running on data that starts like `sample` (media, zips, encrypted blobs are not). */
function compresses(sample: Buffer, level: number): boolean {
  if (sample.length === 0) return true
  return deflateRawSync(sample, { level, chunkSize: 64 * 1024 }).length <= sample.length * INCOMPRESSIBLE
}

/**
 * Streams a large file: stored when it is compressed already (by its kind, or because its start
 * does not shrink), otherwise deflated in parallel blocks (any that still do not shrink kept as
 * stored blocks); CRC and sizes follow in a data descriptor, 64-bit when the local header
 * announced ZIP64.
 */
async function writeStreamed(
  record: Record,
  entry: ArchiveEntry,
  sink: HashingFileSink,
  level: number,
  options: ZipOptions
): Promise<void> {
  const chunks = readChunks(entry, options.signal)
  try {
    await streamInto(record, entry, chunks, sink, level, options)
  } finally {
    // However it ends, the file is closed now, not when the collector gets to it.
    await chunks.return(undefined)
  }
}

async function streamInto(
  record: Record,
  entry: ArchiveEntry,
  chunks: AsyncGenerator<Buffer>,
  sink: HashingFileSink,
  level: number,
  options: ZipOptions
): Promise<void> {
  const first = await chunks.next()
  const head = first.done === true ? Buffer.alloc(0) : first.value
  record.method =
    ALREADY_COMPRESSED.has(extname(entry.path).toLowerCase()) || !compresses(head.subarray(0, PROBE_BYTES), level) ? STORED : DEFLATED
  await sink.write(localHeader(record, true))
  let crc = 0
  let usize = 0
  let csize: number
  if (record.method === STORED) {
    for (let chunk: Buffer | undefined = head; chunk !== undefined;) {
      crc = crc32(chunk, crc)
      usize += chunk.length
      options.onRead?.(chunk.length)
      await sink.write(chunk)
      const next = await chunks.next()
      chunk = next.done === true ? undefined : next.value
    }
    csize = usize
  } else {
    const deflater = new BlockDeflater((out) => sink.write(out), level)
    await deflater.write(head)
    options.onRead?.(head.length)
    for await (const chunk of chunks) {
      await deflater.write(chunk)
      options.onRead?.(chunk.length)
    }
    await deflater.end()
    ;({ crc, bytesIn: usize, bytesOut: csize } = deflater)
  }
  Object.assign(record, { crc, usize, csize })
  if (!record.zip64 && (usize >= MAX32 || csize >= MAX32)) throw new Error(`${entry.path} outgrew the 32-bit sizes its header announced.`)
  const descriptor = Buffer.alloc(record.zip64 ? 24 : 16)
  descriptor.writeUInt32LE(0x08074b50, 0)
  descriptor.writeUInt32LE(crc >>> 0, 4)
  if (record.zip64) {
    descriptor.writeBigUInt64LE(BigInt(csize), 8)
    descriptor.writeBigUInt64LE(BigInt(usize), 16)
  } else {
    descriptor.writeUInt32LE(csize, 8)
    descriptor.writeUInt32LE(usize, 12)
  }
  await sink.write(descriptor)
}

/** Writes a zip of the entries, in order, with UTF-8 names, `/` separators, Unix modes and exact times. */
export async function writeZip(entries: Iterable<ArchiveEntry>, sink: HashingFileSink, options: ZipOptions = {}): Promise<void> {
  const directory = new CentralDirectory(sink.path)
  try {
    await writeEntries(entries, sink, directory, options)
    const start = sink.offset
    for await (const part of directory.parts()) await sink.write(part)
    await sink.write(endOfCentralDirectory(directory.count, sink.offset - start, start))
  } finally {
    await directory.dispose()
  }
}

/** The entries in order, small ones read and deflated a few files ahead of the one being written. */
async function writeEntries(
  entries: Iterable<ArchiveEntry>,
  sink: HashingFileSink,
  directory: CentralDirectory,
  options: ZipOptions
): Promise<void> {
  const level = options.level ?? 1
  const inline = new ReusedDeflate(level)
  const ahead = readAhead(entries, (_entry, data) => prepareSmall(data, level, inline), {
    window: READ_AHEAD.window,
    budgetBytes: READ_AHEAD.bytes,
    ...(options.signal ? { signal: options.signal } : {})
  })
  try {
    for await (const { entry, prepared } of ahead) await writeEntry(entry, prepared, sink, directory, level, options)
  } finally {
    inline.close()
  }
}

/** One entry's local header and data; its directory record goes to the directory for the end. */
async function writeEntry(
  entry: ArchiveEntry,
  prepared: Prepared | undefined,
  sink: HashingFileSink,
  directory: CentralDirectory,
  level: number,
  options: ZipOptions
): Promise<void> {
  const isDirectory = 'directory' in entry.source
  const record: Record = {
    name: Buffer.from(isDirectory ? `${entry.path}/` : entry.path, 'utf8'),
    flags: UTF8_NAMES,
    method: prepared?.method ?? STORED,
    mtimeMs: entry.mtimeMs,
    dos: dosDateTime(entry.mtimeMs),
    crc: prepared?.crc ?? 0,
    csize: prepared?.payload.length ?? 0,
    usize: prepared?.size ?? entry.size,
    offset: sink.offset,
    attributes: isDirectory
      ? (((S_IFDIR | portableMode(entry.mode, true)) << 16) | MSDOS_DIRECTORY) >>> 0
      : ((S_IFREG | portableMode(entry.mode, false)) << 16) >>> 0,
    zip64: false
  }
  if (prepared !== undefined || isDirectory) {
    await sink.write(localHeader(record, false))
    if (prepared !== undefined) {
      await sink.write(prepared.payload)
      options.onRead?.(prepared.size)
    }
  } else {
    record.flags |= DATA_DESCRIPTOR
    record.zip64 = streamedNeedsZip64(entry.size)
    await writeStreamed(record, entry, sink, level, options)
  }
  await directory.add(centralHeader(record))
}
