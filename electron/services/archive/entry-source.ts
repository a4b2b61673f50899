import { closeSync, openSync, readFileSync, readSync } from 'node:fs'
import { open, readFile, type FileHandle } from 'node:fs/promises'
import { PorterError } from '../../../shared/errors'
import type { ArchiveEntry } from './entries'

/** A file that changed or went away while it was read: the archive would not be a true copy (createProfileArchive says how to quit that browser). */
function sourceChanged(path: string): PorterError {
  return new PorterError({
    code: 'browser_running',
    message: `“${path}” changed while it was being packed, so the browser seems to be running.`
  })
}

function changedOnError(entry: ArchiveEntry, error: unknown): never {
  const code = (error as NodeJS.ErrnoException).code
  if (code === 'ENOENT' || code === 'ENOTDIR') throw sourceChanged(entry.path)
  throw error
}

/**
 * Below this, a synchronous read is a few microseconds of direct syscalls, while an async one is
 * four thread-pool round trips (open, stat, read, close) that leave the archiver idle.
 */
const SYNC_READ_BYTES = 256 * 1024

/** The whole content of a small entry, checked against the size it had when the profile was walked. */
export async function readWhole(entry: ArchiveEntry): Promise<Buffer> {
  if ('data' in entry.source) return entry.source.data
  if ('directory' in entry.source) return Buffer.alloc(0)
  let data: Buffer
  try {
    data = entry.size <= SYNC_READ_BYTES ? readFileSync(entry.source.file) : await readFile(entry.source.file)
  } catch (error) {
    changedOnError(entry, error)
  }
  if (data.length !== entry.size) throw sourceChanged(entry.path)
  return data
}

/**
 * A small entry read whole into `memory` (one byte more than its walked size), with direct
 * synchronous calls: the packing thread has nothing else to do meanwhile, and no buffer is made
 * per file. The spare byte makes the end visible in the same read: a read that returns exactly the
 * walked size, one short of what was asked, has met the end of the file (a regular file is read
 * short only there), so an unchanged file costs one read instead of a second one past its end.
 */
export function readWholeInto(entry: ArchiveEntry, memory: Buffer): Buffer {
  if (!('file' in entry.source)) throw new Error(`${entry.path} is not a file.`)
  let fd: number
  try {
    fd = openSync(entry.source.file, 'r')
  } catch (error) {
    changedOnError(entry, error)
  }
  try {
    const size = memory.length - 1
    let read = 0
    for (let got = -1; read < size && got !== 0; read += got) got = readSync(fd, memory, read, memory.length - read, read)
    // Shorter, or longer (the spare byte filled), than when it was walked: it changed.
    if (read !== size) throw sourceChanged(entry.path)
    return memory.subarray(0, size)
  } catch (error) {
    if (error instanceof PorterError) throw error
    changedOnError(entry, error)
  } finally {
    closeSync(fd)
  }
}

/** Read buffers between uses: one per file being read, reused from file to file. */
const spare: Buffer[] = []
const CHUNK_BYTES = 1024 * 1024

/**
 * A large entry in 1 MiB chunks, read into a reused buffer: each chunk is only valid until the
 * next is asked for (every consumer copies or writes it first). Ends with a refusal if the file's
 * length changed underneath.
 */
export async function* readChunks(entry: ArchiveEntry, signal?: AbortSignal): AsyncGenerator<Buffer> {
  if (!('file' in entry.source)) return yield await readWhole(entry)
  let handle: FileHandle
  try {
    handle = await open(entry.source.file, 'r')
  } catch (error) {
    changedOnError(entry, error)
  }
  const buffer = spare.pop() ?? Buffer.allocUnsafe(CHUNK_BYTES)
  let read = 0
  try {
    for (;;) {
      signal?.throwIfAborted()
      const { bytesRead } = await handle.read(buffer, 0, buffer.length, read)
      if (bytesRead === 0) break
      read += bytesRead
      if (read > entry.size) throw sourceChanged(entry.path)
      yield buffer.subarray(0, bytesRead)
    }
  } catch (error) {
    if (error instanceof PorterError || signal?.aborted === true) throw error
    changedOnError(entry, error)
  } finally {
    await handle.close()
    if (spare.length < 2) spare.push(buffer)
  }
  if (read !== entry.size) throw sourceChanged(entry.path)
}
