/** One file in an archive: read from disk, or made in memory (the manifest). */
export interface ArchiveEntry {
  /** `/`-separated path inside the archive. */
  path: string
  size: number
  mtime: Date
  source: { file: string } | { data: Buffer }
}
