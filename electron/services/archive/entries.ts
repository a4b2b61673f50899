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

/**
 * The permission bits an archive stores, whatever the source OS wrote: files 0600 or 0644, folders
 * 0700 or 0755 — always usable by their owner, readable by others only if the source let others
 * read. Windows reports 0666 files and folders without the execute bit, which a Linux browser
 * running as an ordinary user could not open; nothing in a profile is a program to run.
 */
export function portableMode(mode: number, directory: boolean): number {
  const shared = (mode & 0o044) !== 0
  if (directory) return shared ? 0o755 : 0o700
  return shared ? 0o644 : 0o600
}
