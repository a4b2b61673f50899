import { createReadStream } from 'node:fs'
import { createGunzip } from 'node:zlib'
import type { TargetFolder } from './file-writer'
import { ExtractBudget, safeEntryPath, unsafeArchive } from './unsafe-archive'

/** Reads exact byte counts from a stream of chunks, holding at most one chunk and one header. */
class ByteReader {
  private buffer: Buffer = Buffer.alloc(0)
  private readonly iterator: AsyncIterator<Buffer>

  constructor(source: AsyncIterable<Buffer>) {
    this.iterator = source[Symbol.asyncIterator]()
  }

  async read(length: number): Promise<Buffer | undefined> {
    while (this.buffer.length < length) {
      const next = await this.iterator.next()
      if (next.done === true) return undefined
      this.buffer = this.buffer.length === 0 ? next.value : Buffer.concat([this.buffer, next.value])
    }
    const head = this.buffer.subarray(0, length)
    this.buffer = this.buffer.subarray(length)
    return head
  }

  async *chunks(length: number): AsyncGenerator<Buffer> {
    let left = length
    while (left > 0) {
      if (this.buffer.length === 0) {
        const next = await this.iterator.next()
        if (next.done === true) throw unsafeArchive('it is cut short')
        this.buffer = next.value
      }
      const take = this.buffer.subarray(0, Math.min(left, this.buffer.length))
      this.buffer = this.buffer.subarray(take.length)
      left -= take.length
      yield take
    }
  }

  async skip(length: number): Promise<void> {
    for await (const _chunk of this.chunks(length)) {
      // Discarded: the scan only needs to get past the data.
    }
  }

  async close(): Promise<void> {
    await this.iterator.return?.()
  }
}

function field(block: Buffer, start: number, length: number): string {
  const raw = block.subarray(start, start + length)
  const end = raw.indexOf(0)
  return raw.toString('utf8', 0, end < 0 ? raw.length : end)
}

/**
 * A numeric header field: octal digits (padded with spaces or NULs), or GNU base-256 when its first
 * byte has the high bit. Anything else — letters, a negative base-256 value, more than 2^53 — is a
 * damaged or hostile header, never a number that could switch a budget off.
 */
function headerNumber(block: Buffer, start: number, length: number): number {
  const first = block[start] ?? 0
  if (first & 0x80) {
    if (first === 0xff) throw unsafeArchive('a header holds a negative number')
    let value = BigInt(first & 0x7f)
    for (let at = start + 1; at < start + length; at++) value = (value << 8n) | BigInt(block[at] ?? 0)
    if (value > BigInt(Number.MAX_SAFE_INTEGER)) throw unsafeArchive('a header holds a number too large to be true')
    return Number(value)
  }
  const text = block
    .toString('latin1', start, start + length)
    .replace(/[\0 ]+$/, '')
    .replace(/^ +/, '')
  if (text === '') return 0
  if (!/^[0-7]+$/.test(text)) throw unsafeArchive('a header is damaged')
  return parseInt(text, 8)
}

function checksumOk(block: Buffer): boolean {
  let sum = 0
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : (block[i] ?? 0)
  return sum === headerNumber(block, 148, 8)
}

function paxPath(records: Buffer): string | undefined {
  for (const line of records.toString('utf8').split('\n')) {
    const match = /^\d+ path=(.*)$/.exec(line)
    if (match !== null) return match[1]
  }
  return undefined
}

interface TarEntry {
  name: string
  type: string
  size: number
}

/** Every header in turn, with its long name from a PAX or GNU record already applied. */
async function* entries(reader: ByteReader, signal?: AbortSignal): AsyncGenerator<TarEntry> {
  let nextName: string | undefined
  for (;;) {
    signal?.throwIfAborted()
    const block = await reader.read(512)
    if (block === undefined || block.every((byte) => byte === 0)) return
    if (!checksumOk(block)) throw unsafeArchive('a header is damaged')
    const type = String.fromCharCode(block[156] ?? 0)
    const size = headerNumber(block, 124, 12)
    const prefix = field(block, 345, 155)
    const name = nextName ?? (prefix === '' ? field(block, 0, 100) : `${prefix}/${field(block, 0, 100)}`)
    if (type === 'x' || type === 'L' || type === 'g') {
      if (size > 1024 * 1024) throw unsafeArchive('a header record is too large')
      const data = (await reader.read(Math.ceil(size / 512) * 512))?.subarray(0, size)
      if (data === undefined) throw unsafeArchive('it is cut short')
      if (type === 'x') nextName = paxPath(data) ?? nextName
      if (type === 'L') nextName = data.toString('utf8').replace(/\0+$/, '')
      continue
    }
    nextName = undefined
    yield { name, type, size }
  }
}

function readerOf(file: string): ByteReader {
  return new ByteReader(
    createReadStream(file, { highWaterMark: 1024 * 1024 }).pipe(createGunzip({ chunkSize: 1024 * 1024 })) as AsyncIterable<Buffer>
  )
}

/** One pass over the headers, writing nothing: the budgets and the kinds of entries are checked first. */
async function scan(file: string, budget: ExtractBudget, signal?: AbortSignal): Promise<void> {
  const reader = readerOf(file)
  try {
    for await (const entry of entries(reader, signal)) {
      budget.entry()
      if (entry.type === '0' || entry.type === '\0' || entry.type === '7') budget.declare(entry.size)
      else if (entry.type !== '5')
        throw unsafeArchive(
          `"${entry.name}" is a ${entry.type === '1' ? 'hard link' : entry.type === '2' ? 'symbolic link' : 'device or special file'}`
        )
      if (safeEntryPath(entry.name) === '' && entry.type !== '5') throw unsafeArchive('an entry has no name')
      await reader.skip(Math.ceil(entry.size / 512) * 512)
    }
  } finally {
    await reader.close()
  }
}

/**
 * Unpacks a tar.gz in two passes: the first reads only headers and refuses what is unsafe or over
 * budget before anything is written (a million tiny entries are refused in seconds, in flat
 * memory); the second writes, still counting what it really unpacks.
 */
export async function extractTarGz(file: string, target: TargetFolder, budget: ExtractBudget, signal?: AbortSignal): Promise<void> {
  await scan(file, budget, signal)
  const reader = readerOf(file)
  const written = budget.fresh()
  try {
    for await (const entry of entries(reader, signal)) {
      const path = safeEntryPath(entry.name)
      const padded = Math.ceil(entry.size / 512) * 512
      if (entry.type === '5') {
        if (path !== '') await target.directory(path)
      } else {
        written.add(entry.size)
        await target.file(path, reader.chunks(entry.size))
      }
      await reader.skip(padded - (entry.type === '5' ? 0 : entry.size))
    }
  } finally {
    await reader.close()
  }
}
