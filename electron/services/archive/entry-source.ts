import { createReadStream, readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import { PorterError } from '../../../shared/errors'
import type { ArchiveEntry } from './entries'

/** A file that changed or went away while it was read: the archive would not be a true copy. */
function sourceChanged(path: string): PorterError {
  return new PorterError({
    code: 'browser_running',
    message: `“${path}” changed while it was being packed, so the browser seems to be running.`,
    action: 'Quit the browser completely — also from the tray — then try again.'
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

/** A large entry in 1 MiB chunks; ends with a refusal if the file's length changed underneath. */
export async function* readChunks(entry: ArchiveEntry, signal?: AbortSignal): AsyncGenerator<Buffer> {
  if (!('file' in entry.source)) return yield await readWhole(entry)
  let read = 0
  try {
    for await (const chunk of createReadStream(entry.source.file, {
      highWaterMark: 1024 * 1024,
      ...(signal ? { signal } : {})
    }) as AsyncIterable<Buffer>) {
      read += chunk.length
      if (read > entry.size) throw sourceChanged(entry.path)
      yield chunk
    }
  } catch (error) {
    if (error instanceof PorterError) throw error
    changedOnError(entry, error)
  }
  if (read !== entry.size) throw sourceChanged(entry.path)
}
