// What the zip's headers say about an entry, and the format's numbers (APPNOTE 6.3.x).

export const MAX32 = 0xffffffff
export const UTF8_NAMES = 0x0800
export const DATA_DESCRIPTOR = 0x0008
export const STORED = 0
export const DEFLATED = 8
export const MADE_BY_UNIX = (3 << 8) | 45
export const S_IFREG = 0o100000
export const S_IFDIR = 0o040000
export const MSDOS_DIRECTORY = 0x10

export interface ZipOptions {
  level?: number
  signal?: AbortSignal
  onRead?(bytes: number): void
}

export interface ZipRecord {
  name: Buffer
  flags: number
  method: number
  mtimeMs: number
  /** dosDateTime(mtimeMs), worked out once for both headers. */
  dos: { time: number; date: number }
  crc: number
  csize: number
  usize: number
  offset: number
  attributes: number
  /** ZIP64 was announced in the local header (the data descriptor then has 64-bit sizes). */
  zip64: boolean
}

/** The range MS-DOS dates can say, in this computer's time zone as they are. */
const EARLIEST_DOS = new Date(1980, 0, 1).getTime()
const LATEST_DOS = new Date(2107, 11, 31, 23, 59, 58).getTime()

/**
 * MS-DOS date and time, the only one every reader knows: 1980 to 2107, two-second steps. Times
 * outside are clamped; the exact time travels in the extended-timestamp field beside it.
 */
export function dosDateTime(mtimeMs: number): { time: number; date: number } {
  const d = new Date(Math.min(LATEST_DOS, Math.max(EARLIEST_DOS, mtimeMs)))
  return {
    time: (d.getHours() << 11) | (d.getMinutes() << 5) | (d.getSeconds() >> 1),
    date: ((d.getFullYear() - 1980) << 9) | ((d.getMonth() + 1) << 5) | d.getDate()
  }
}

/**
 * Whether a streamed entry must be written as ZIP64 before its compressed size is known: deflate
 * may grow data a little (5 bytes per stored block, plus a sync flush per MiB), so the decision
 * takes the worst case of the compressed size too, not only the file's own size.
 */
export function streamedNeedsZip64(size: number): boolean {
  return size + Math.ceil(size / 1000) + 1024 * 1024 >= MAX32
}
