/** One file in an archive: read from disk, or made in memory (the manifest). */
export interface ArchiveEntry {
  /** `/`-separated path inside the archive. */
  path: string
  size: number
  mtime: Date
  source: { file: string } | { data: Buffer }
}

export interface ArchiveProgress {
  bytesDone: number
  bytesTotal: number
}

/** Calls at most every `intervalMs`, and always passes the last value on when asked to flush. */
export function throttle<T>(intervalMs: number, now: () => number, emit: (value: T) => void): { push(value: T): void; flush(): void } {
  let last = -Infinity
  let pending: T | undefined
  return {
    push(value) {
      pending = value
      if (now() - last >= intervalMs) {
        last = now()
        emit(value)
        pending = undefined
      }
    },
    flush() {
      if (pending !== undefined) emit(pending)
      pending = undefined
    }
  }
}
