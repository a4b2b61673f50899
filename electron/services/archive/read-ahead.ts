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
  options: { window: number; signal?: AbortSignal }
): AsyncGenerator<{ entry: ArchiveEntry; prepared?: T }> {
  const queue: Array<{ entry: ArchiveEntry; prepared?: Promise<T> }> = []
  let next = 0
  const fill = () => {
    while (queue.length < options.window && next < entries.length) {
      const entry = entries[next++] as ArchiveEntry
      const small = 'data' in entry.source || entry.size <= SMALL_FILE_BYTES
      if (!small) {
        queue.push({ entry })
        continue
      }
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
    fill()
    yield prepared === undefined ? { entry: head.entry } : { entry: head.entry, prepared }
  }
}

export function loadData(entry: ArchiveEntry): Promise<Buffer> {
  return 'data' in entry.source ? Promise.resolve(entry.source.data) : readFile(entry.source.file)
}
