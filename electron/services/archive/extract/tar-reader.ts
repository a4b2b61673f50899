import { createReadStream } from 'node:fs'
import { createGunzip } from 'node:zlib'
import type { TargetFolder } from './file-writer'
import { ExtractBudget, safeEntryPath, unsafeArchive } from './unsafe-archive'

/** Reads exact byte counts from a stream of chunks. */
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
}

function field(block: Buffer, start: number, length: number): string {
  const raw = block.subarray(start, start + length)
  const end = raw.indexOf(0)
  return raw.toString('utf8', 0, end < 0 ? raw.length : end)
}

function number(block: Buffer, start: number, length: number): number {
  if ((block[start] ?? 0) & 0x80) return Number(block.readBigUInt64BE(start + length - 8))
  const text = field(block, start, length).trim()
  return text === '' ? 0 : parseInt(text, 8)
}

function checksumOk(block: Buffer): boolean {
  let sum = 0
  for (let i = 0; i < 512; i++) sum += i >= 148 && i < 156 ? 32 : (block[i] ?? 0)
  return sum === number(block, 148, 8)
}

function paxPath(records: Buffer): string | undefined {
  for (const line of records.toString('utf8').split('\n')) {
    const match = /^\d+ path=(.*)$/.exec(line)
    if (match !== null) return match[1]
  }
  return undefined
}

async function collect(chunks: AsyncIterable<Buffer>): Promise<Buffer> {
  const parts: Buffer[] = []
  for await (const chunk of chunks) parts.push(chunk)
  return Buffer.concat(parts)
}

export async function extractTarGz(file: string, target: TargetFolder, budget: ExtractBudget, signal?: AbortSignal): Promise<void> {
  const reader = new ByteReader(createReadStream(file).pipe(createGunzip()) as AsyncIterable<Buffer>)
  let nextName: string | undefined
  for (;;) {
    signal?.throwIfAborted()
    const block = await reader.read(512)
    if (block === undefined || block.every((byte) => byte === 0)) return
    if (!checksumOk(block)) throw unsafeArchive('a header is damaged')
    const type = String.fromCharCode(block[156] ?? 0)
    const size = number(block, 124, 12)
    const padded = Math.ceil(size / 512) * 512
    const prefix = field(block, 345, 155)
    const name = nextName ?? (prefix === '' ? field(block, 0, 100) : `${prefix}/${field(block, 0, 100)}`)
    if (type === 'x' || type === 'L' || type === 'g') {
      if (size > 1024 * 1024) throw unsafeArchive('a header record is too large')
      const data = (await reader.read(padded))?.subarray(0, size)
      if (data === undefined) throw unsafeArchive('it is cut short')
      if (type === 'x') nextName = paxPath(data) ?? nextName
      if (type === 'L') nextName = data.toString('utf8').replace(/\0+$/, '')
      continue
    }
    nextName = undefined
    budget.entry()
    if (type === '5') {
      await target.directory(safeEntryPath(name))
    } else if (type === '0' || type === '\0' || type === '7') {
      budget.add(size)
      await target.file(safeEntryPath(name), reader.chunks(size))
      await collect(reader.chunks(padded - size))
    } else {
      throw unsafeArchive(`"${name}" is a ${type === '1' ? 'hard link' : type === '2' ? 'symbolic link' : 'device or special file'}`)
    }
  }
}
