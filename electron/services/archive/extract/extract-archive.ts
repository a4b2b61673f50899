import { open, rm } from 'node:fs/promises'
import { TargetFolder } from './file-writer'
import { extractTarGz } from './tar-reader'
import { ExtractBudget, unsafeArchive, type ExtractLimits } from './unsafe-archive'
import { extractZip } from './zip-reader'

const DEFAULT_LIMITS: ExtractLimits = { maxBytes: 8 * 1024 * 1024 * 1024, maxEntries: 500_000 }

async function formatOf(file: string): Promise<'zip' | 'tgz'> {
  const handle = await open(file, 'r')
  try {
    const { buffer } = await handle.read(Buffer.alloc(4), 0, 4, 0)
    if (buffer[0] === 0x50 && buffer[1] === 0x4b) return 'zip'
    if (buffer[0] === 0x1f && buffer[1] === 0x8b) return 'tgz'
    throw unsafeArchive('it is neither a zip nor a tar.gz file')
  } finally {
    await handle.close()
  }
}

/**
 * Unpacks a zip or tar.gz into a folder that must not exist yet. Anything unsafe (paths out of
 * the folder, links, devices, too large, too many entries) stops it, and the folder is removed.
 */
export async function extractArchive(
  file: string,
  targetDir: string,
  options: { limits?: Partial<ExtractLimits>; signal?: AbortSignal } = {}
): Promise<void> {
  const format = await formatOf(file)
  const target = await TargetFolder.create(targetDir)
  const budget = new ExtractBudget({ ...DEFAULT_LIMITS, ...options.limits })
  try {
    if (format === 'zip') await extractZip(file, target, budget, options.signal)
    else await extractTarGz(file, target, budget, options.signal)
  } catch (error) {
    await rm(targetDir, { recursive: true, force: true })
    throw error
  }
}
