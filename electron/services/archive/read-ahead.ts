import type { ArchiveEntry } from './entries'
import { readWhole } from './entry-source'

/** Entries up to this size are read whole (and, for zip, compressed off the main thread). */
const SMALL_FILE_BYTES = 4 * 1024 * 1024

/**
 * Prepares small entries ahead of the writer, a bounded number at a time, so reading and
 * compressing overlap with writing and use both cores; large entries are left to be streamed.
 */
export async function* readAhead<T>(
  entries: Iterable<ArchiveEntry>,
  prepare: (entry: ArchiveEntry, data: Buffer) => Promise<T>,
  options: { window: number; budgetBytes: number; signal?: AbortSignal }
): AsyncGenerator<{ entry: ArchiveEntry; prepared?: T }> {
  const source = entries[Symbol.iterator]()
  const queue: Array<{ entry: ArchiveEntry; prepared?: Promise<T> }> = []
  let inFlightBytes = 0
  let exhausted = false
  // Bounded both in count and in bytes, so memory stays flat whatever the profile holds.
  const fill = () => {
    while (!exhausted && queue.length < options.window && inFlightBytes < options.budgetBytes) {
      const next = source.next()
      if (next.done === true) {
        exhausted = true
        return
      }
      const entry = next.value
      const small = !('file' in entry.source) || entry.size <= SMALL_FILE_BYTES
      if (!small) {
        queue.push({ entry })
        continue
      }
      inFlightBytes += entry.size
      const prepared = readWhole(entry).then((data) => prepare(entry, data))
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
