/** One entry of an archive: a file read from disk, bytes made in memory (the manifest), or an empty folder. */
export interface ArchiveEntry {
  /** `/`-separated path inside the archive, without a trailing `/`. */
  path: string
  size: number
  mtimeMs: number
  /** Permission bits as on disk; setuid, setgid and sticky are never written. */
  mode: number
  source: { file: string } | { data: Buffer } | { directory: true }
}

/** The permission bits an archive keeps: rwx for owner, group and others, nothing special. */
export function permissionBits(mode: number): number {
  return mode & 0o777
}
