import { lstat, readdir } from 'node:fs/promises'
import { join, relative, sep } from 'node:path'
import type { ArchiveEntry } from '../../electron/services/archive/entries'
import { HashingFileSink } from '../../electron/services/archive/hashing-sink'
import { writeTarGz } from '../../electron/services/archive/tar-writer'
import { writeZip } from '../../electron/services/archive/zip-writer'

/** Every regular file under a folder (links, sockets and the lock Chromium holds are left out). */
async function filesOf(root: string): Promise<ArchiveEntry[]> {
  const entries: ArchiveEntry[] = []
  for (const entry of await readdir(root, { recursive: true, withFileTypes: true })) {
    if (!entry.isFile()) continue
    const file = join(entry.parentPath, entry.name)
    const info = await lstat(file)
    entries.push({
      path: relative(root, file).split(sep).join('/'),
      size: info.size,
      mtimeMs: info.mtimeMs,
      mode: info.mode,
      source: { file }
    })
  }
  return entries.sort((a, b) => a.path.localeCompare(b.path))
}

/** Packs a browser's folder as the service stores profiles (zip for H Company, tar.gz for WebRun). */
export async function packFolder(root: string, format: 'zip' | 'tgz', target: string): Promise<{ sha256: string; size: number }> {
  const sink = await HashingFileSink.open(target)
  const entries = await filesOf(root)
  if (format === 'zip') await writeZip(entries, sink)
  else await writeTarGz(entries, sink)
  return sink.close()
}
