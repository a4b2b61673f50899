import { randomBytes } from 'node:crypto'
import { join } from 'node:path'
import type { ArchiveEntry } from '../../electron/services/archive/entries'
import { HashingFileSink } from '../../electron/services/archive/hashing-sink'
import { writeTarGz } from '../../electron/services/archive/tar-writer'
import { writeZip } from '../../electron/services/archive/zip-writer'
import type { ArchiveToImport } from '../../electron/services/clouds/profile-service'

/** A real archive on disk (zip or tar.gz), of random, incompressible bytes so sizes are predictable. */
export async function makeArchive(dir: string, format: 'zip' | 'tgz', bytes = 64 * 1024): Promise<ArchiveToImport> {
  const file = join(dir, `archive-${randomBytes(4).toString('hex')}.${format === 'zip' ? 'zip' : 'tar.gz'}`)
  const data = randomBytes(bytes)
  const entries: ArchiveEntry[] = [
    { path: 'Local State', size: 2, mtimeMs: Date.now(), mode: 0o644, source: { data: Buffer.from('{}') } },
    { path: 'Default/Cookies', size: data.length, mtimeMs: Date.now(), mode: 0o644, source: { data } }
  ]
  const sink = await HashingFileSink.open(file)
  if (format === 'zip') await writeZip(entries, sink)
  else await writeTarGz(entries, sink)
  const { sha256, size } = await sink.close()
  return { file, sizeBytes: size, sha256, format }
}
