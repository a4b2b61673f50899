import { createReadStream } from 'node:fs'
import type { ArchiveEntry } from './entries'
import type { HashingFileSink } from './hashing-sink'
import { ParallelGzip } from './parallel-gzip'
import { readAhead } from './read-ahead'

export interface TarOptions {
  level?: number
  signal?: AbortSignal
  onRead?(bytes: number): void
}

function octal(value: number, width: number): string {
  return value.toString(8).padStart(width - 1, '0') + '\0'
}

function header(name: string, size: number, mtime: Date, type: '0' | 'x'): Buffer {
  const block = Buffer.alloc(512)
  block.write(name, 0, 100, 'utf8')
  block.write(octal(0o644, 8), 100, 'ascii')
  block.write(octal(0, 8), 108, 'ascii')
  block.write(octal(0, 8), 116, 'ascii')
  if (size < 8 ** 11) {
    block.write(octal(size, 12), 124, 'ascii')
  } else {
    // GNU base-256 for sizes of 8 GiB and more.
    block[124] = 0x80
    block.writeBigUInt64BE(BigInt(size), 124 + 4)
  }
  block.write(octal(Math.floor(mtime.getTime() / 1000), 12), 136, 'ascii')
  block.write('        ', 148, 'ascii')
  block.write(type, 156, 'ascii')
  block.write('ustar\0', 257, 'ascii')
  block.write('00', 263, 'ascii')
  let sum = 0
  for (const byte of block) sum += byte
  block.write(`${sum.toString(8).padStart(6, '0')}\0 `, 148, 'ascii')
  return block
}

/** A PAX record carries names longer than ustar's 100 bytes, or not plain ASCII. */
function paxPath(path: string): Buffer {
  const body = ` path=${path}\n`
  let length = Buffer.byteLength(body) + 1
  while (String(length).length + Buffer.byteLength(body) !== length) length = String(length).length + Buffer.byteLength(body)
  return Buffer.from(`${length}${body}`, 'utf8')
}

function headersFor(entry: ArchiveEntry): Buffer[] {
  const needsPax = Buffer.byteLength(entry.path) > 100 || /[^\x20-\x7e]/.test(entry.path)
  if (!needsPax) return [header(entry.path, entry.size, entry.mtime, '0')]
  const record = paxPath(entry.path)
  const shortName = `PaxHeaders/${entry.path.replace(/[^\x20-\x7e]/g, '_').slice(-80)}`
  return [header(shortName, record.length, entry.mtime, 'x'), record, padding(record.length), header(shortName, entry.size, entry.mtime, '0')]
}

function padding(size: number): Buffer {
  return Buffer.alloc((512 - (size % 512)) % 512)
}

/** Writes a POSIX (ustar + PAX) tar of the entries, gzip-compressed on both cores. */
export async function writeTarGz(entries: ArchiveEntry[], sink: HashingFileSink, options: TarOptions = {}): Promise<void> {
  const gzip = new ParallelGzip(sink, options.level ?? 6)
  const ahead = readAhead(entries, async (_entry, data) => data, { window: 64, budgetBytes: 32 * 1024 * 1024, ...(options.signal ? { signal: options.signal } : {}) })
  for await (const { entry, prepared } of ahead) {
    for (const part of headersFor(entry)) await gzip.write(part)
    let written = 0
    if (prepared !== undefined) {
      await gzip.write(prepared)
      written = prepared.length
      options.onRead?.(prepared.length)
    } else if ('file' in entry.source) {
      for await (const chunk of createReadStream(entry.source.file, { highWaterMark: 1024 * 1024, signal: options.signal }) as AsyncIterable<Buffer>) {
        await gzip.write(chunk)
        written += chunk.length
        options.onRead?.(chunk.length)
      }
    }
    if (written !== entry.size) throw new Error(`${entry.path} changed while it was archived.`)
    await gzip.write(padding(written))
  }
  await gzip.write(Buffer.alloc(1024))
  await gzip.end()
}
