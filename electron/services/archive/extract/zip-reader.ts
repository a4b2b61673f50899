import { createReadStream } from 'node:fs'
import { open, type FileHandle } from 'node:fs/promises'
import { crc32, createInflateRaw } from 'node:zlib'
import type { TargetFolder } from './file-writer'
import { ExtractBudget, safeEntryPath, unsafeArchive } from './unsafe-archive'

interface ZipRecord {
  name: string
  method: number
  flags: number
  crc: number
  csize: number
  usize: number
  offset: number
  mode: number
}

const S_IFMT = 0o170000
const S_IFREG = 0o100000
const S_IFDIR = 0o040000

async function readAt(handle: FileHandle, position: number, length: number): Promise<Buffer> {
  const { buffer, bytesRead } = await handle.read(Buffer.alloc(length), 0, length, position)
  if (bytesRead !== length) throw unsafeArchive('it is cut short')
  return buffer
}

async function centralDirectory(handle: FileHandle, size: number): Promise<{ offset: number; count: number; length: number }> {
  const tailLength = Math.min(size, 65_557)
  const tail = await readAt(handle, size - tailLength, tailLength)
  const at = tail.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]))
  if (at < 0 || at + 22 > tail.length) throw unsafeArchive('it is not a zip file')
  let count = tail.readUInt16LE(at + 10)
  let length = tail.readUInt32LE(at + 12)
  let offset = tail.readUInt32LE(at + 16)
  if (count === 0xffff || length === 0xffffffff || offset === 0xffffffff) {
    const locator = at - 20
    if (locator < 0 || tail.readUInt32LE(locator) !== 0x07064b50) throw unsafeArchive('its zip64 directory is missing')
    const record = await readAt(handle, Number(tail.readBigUInt64LE(locator + 8)), 56)
    if (record.readUInt32LE(0) !== 0x06064b50) throw unsafeArchive('its zip64 directory is damaged')
    count = Number(record.readBigUInt64LE(32))
    length = Number(record.readBigUInt64LE(40))
    offset = Number(record.readBigUInt64LE(48))
  }
  if (offset + length > size) throw unsafeArchive('its directory points past the end of the file')
  return { offset, count, length }
}

/** The central directory's records one at a time, so a huge directory never becomes a huge array. */
function* records(directory: Buffer, count: number): Generator<ZipRecord> {
  let at = 0
  for (let index = 0; index < count; index++) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== 0x02014b50) throw unsafeArchive('its directory is damaged')
    const madeBy = directory.readUInt16LE(at + 4) >> 8
    const nameLength = directory.readUInt16LE(at + 28)
    const extraLength = directory.readUInt16LE(at + 30)
    const commentLength = directory.readUInt16LE(at + 32)
    if (at + 46 + nameLength + extraLength + commentLength > directory.length) throw unsafeArchive('its directory is damaged')
    const record: ZipRecord = {
      flags: directory.readUInt16LE(at + 8),
      method: directory.readUInt16LE(at + 10),
      crc: directory.readUInt32LE(at + 16),
      csize: directory.readUInt32LE(at + 20),
      usize: directory.readUInt32LE(at + 24),
      offset: directory.readUInt32LE(at + 42),
      mode: madeBy === 3 ? directory.readUInt32LE(at + 38) >>> 16 : 0,
      name: directory.toString('utf8', at + 46, at + 46 + nameLength)
    }
    applyZip64(record, directory.subarray(at + 46 + nameLength, at + 46 + nameLength + extraLength))
    yield record
    at += 46 + nameLength + extraLength + commentLength
  }
}

function applyZip64(record: ZipRecord, extra: Buffer): void {
  for (let at = 0; at + 4 <= extra.length;) {
    const id = extra.readUInt16LE(at)
    const size = extra.readUInt16LE(at + 2)
    if (id === 0x0001) {
      let field = at + 4
      for (const key of ['usize', 'csize', 'offset'] as const) {
        if (record[key] === 0xffffffff && field + 8 <= at + 4 + size) {
          record[key] = Number(extra.readBigUInt64LE(field))
          field += 8
        }
      }
    }
    at += 4 + size
  }
}

/** Inflates one entry, refusing more bytes than it declared (a lying header) or a bad CRC. */
async function* entryData(file: string, record: ZipRecord, dataStart: number, budget: ExtractBudget): AsyncGenerator<Buffer> {
  if (record.csize === 0) return
  const raw = createReadStream(file, { start: dataStart, end: dataStart + record.csize - 1 })
  const source = record.method === 8 ? raw.pipe(createInflateRaw()) : raw
  let produced = 0
  let crc = 0
  for await (const chunk of source as AsyncIterable<Buffer>) {
    produced += chunk.length
    if (produced > record.usize) {
      raw.destroy()
      throw unsafeArchive(`"${record.name}" unpacks to more than it declares`)
    }
    budget.add(chunk.length)
    crc = crc32(chunk, crc)
    yield chunk
  }
  if (produced !== record.usize || crc >>> 0 !== record.crc) throw unsafeArchive(`"${record.name}" is damaged`)
}

export async function extractZip(file: string, target: TargetFolder, budget: ExtractBudget, signal?: AbortSignal): Promise<void> {
  const handle = await open(file, 'r')
  try {
    const { size } = await handle.stat()
    const { offset, count, length } = await centralDirectory(handle, size)
    // The directory says how many entries and how many bytes: over budget, refused before any is read.
    budget.entry(count - 1)
    const directory = await readAt(handle, offset, length)
    for (const record of records(directory, count)) {
      budget.declare(record.usize)
      const type = record.mode & S_IFMT
      if (type !== 0 && type !== S_IFREG && type !== S_IFDIR) throw unsafeArchive(`"${record.name}" is a link or a device`)
      if ((record.flags & 0x0001) !== 0) throw unsafeArchive(`"${record.name}" is encrypted`)
      if (record.method !== 0 && record.method !== 8) throw unsafeArchive(`"${record.name}" uses a compression Profile Porter cannot read`)
      safeEntryPath(record.name)
    }
    const written = budget.fresh()
    for (const record of records(directory, count)) {
      signal?.throwIfAborted()
      const path = safeEntryPath(record.name)
      if (record.name.endsWith('/') || (record.mode & S_IFMT) === S_IFDIR) {
        if (path !== '') await target.directory(path)
        continue
      }
      if (path === '') throw unsafeArchive('an entry has no name')
      const local = await readAt(handle, record.offset, 30)
      if (local.readUInt32LE(0) !== 0x04034b50) throw unsafeArchive(`"${record.name}" is damaged`)
      const dataStart = record.offset + 30 + local.readUInt16LE(26) + local.readUInt16LE(28)
      await target.file(path, entryData(file, record, dataStart, written))
    }
  } finally {
    await handle.close()
  }
}
