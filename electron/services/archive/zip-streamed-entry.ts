import { extname } from 'node:path'
import { crc32, deflateRawSync } from 'node:zlib'
import { BlockDeflater, INCOMPRESSIBLE } from './block-deflate'
import type { ArchiveEntry } from './entries'
import { readChunks } from './entry-source'
import type { HashingFileSink } from './hashing-sink'
import { dataDescriptor, localHeader } from './zip-headers'
import { DEFLATED, MAX32, STORED, type ZipOptions, type ZipRecord } from './zip-record'

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
export async function writeStreamed(
  record: ZipRecord,
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
  record: ZipRecord,
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
  await sink.write(dataDescriptor(record))
}
