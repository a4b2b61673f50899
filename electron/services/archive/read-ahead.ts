import { readFileSync } from 'node:fs'
import { readFile } from 'node:fs/promises'
import type { ArchiveEntry } from './entries'

/** Entries up to this size are read whole (and, for zip, compressed off the main thread). */
export const SMALL_FILE_BYTES = 4 * 1024 * 1024

/**
 * Prepares small entries ahead of the writer, a bounded number at a time, so reading and
 * compressing overlap with writing and use both cores; large entries are left to be streamed.
 */
export async function* readAhead<T>(
  entries: ArchiveEntry[],
  prepare: (entry: ArchiveEntry, data: Buffer) => Promise<T>,
  options: { window: number; budgetBytes: number; signal?: AbortSignal }
): AsyncGenerator<{ entry: ArchiveEntry; prepared?: T }> {
  const queue: Array<{ entry: ArchiveEntry; prepared?: Promise<T> }> = []
  let next = 0
  let inFlightBytes = 0
  // Bounded both in count and in bytes, so memory stays flat whatever the profile holds.
  const fill = () => {
    while (queue.length < options.window && next < entries.length && inFlightBytes < options.budgetBytes) {
      const entry = entries[next++] as ArchiveEntry
      const small = 'data' in entry.source || entry.size <= SMALL_FILE_BYTES
      if (!small) {
        queue.push({ entry })
        continue
      }
      inFlightBytes += entry.size
      const prepared = loadData(entry).then((data) => prepare(entry, data))
      prepared.catch(() => undefined)
      queue.push({ entry, prepared })
    }
  }
  fill()
  while (queue.length > 0) {
    options.signal?.throwIfAborted()
    const head = queue.shift() as { entry: ArchiveEntry; prepared?: Promise<T> }
    const prepared = head.prepared === undefined ? undefined : await head.prepared
    if (head.prepared !== undefined) inFlightBytes -= head.entry.size
    fill()
    yield prepared === undefined ? { entry: head.entry } : { entry: head.entry, prepared }
  }
}

/**
 * Below this, a synchronous read is a few microseconds of direct syscalls, while an async one is
 * four thread-pool round trips (open, stat, read, close) that leave the archiver idle.
 */
const SYNC_READ_BYTES = 256 * 1024

export function loadData(entry: ArchiveEntry): Promise<Buffer> {
  if ('data' in entry.source) return Promise.resolve(entry.source.data)
  return entry.size <= SYNC_READ_BYTES ? Promise.resolve(readFileSync(entry.source.file)) : readFile(entry.source.file)
}
