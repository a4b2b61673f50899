import { open } from 'node:fs/promises'
import { join } from 'node:path'
import { deflateRawSync } from 'node:zlib'
import type { FileTable } from '../archive/file-table'

const SAMPLES = 64
const SAMPLE_BYTES = 64 * 1024
/** What each entry adds besides its data: zip's local and central headers; tar's header and padding. */
const PER_ENTRY = { zip: 140, tgz: 120 }

/**
 * How large the archive will be, before packing: the kept bytes times how well they compress,
 * measured on 64 KiB samples taken at evenly spaced points of the kept bytes (so a profile that
 * is mostly one big incompressible database is measured mostly there). A few MiB read, not gigabytes.
 */
export async function estimatePackedSize(root: string, files: FileTable, keptBytes: number, format: 'zip' | 'tgz'): Promise<number> {
  if (keptBytes === 0) return files.length * PER_ENTRY[format]
  let ratioSum = 0
  let measured = 0
  let cursor = 0
  let index = 0
  for (let sample = 0; sample < SAMPLES; sample++) {
    const at = Math.floor(((sample + 0.5) * keptBytes) / SAMPLES)
    while (index < files.length && cursor + files.size(index) <= at) cursor += files.size(index++)
    if (index >= files.length) break
    const size = files.size(index)
    const offset = Math.max(0, Math.min(at - cursor, size - SAMPLE_BYTES))
    const handle = await open(join(root, ...files.path(index).split('/')), 'r').catch(() => undefined)
    if (handle === undefined) continue
    try {
      const { bytesRead, buffer } = await handle.read(Buffer.alloc(Math.min(SAMPLE_BYTES, size)), 0, Math.min(SAMPLE_BYTES, size), offset)
      if (bytesRead === 0) continue
      // Never below what storing it would cost: an archive stores what does not compress.
      ratioSum += Math.min(1, deflateRawSync(buffer.subarray(0, bytesRead), { level: 1 }).length / bytesRead)
      measured += 1
    } finally {
      await handle.close()
    }
  }
  const ratio = measured === 0 ? 1 : ratioSum / measured
  return Math.round(keptBytes * ratio) + files.length * PER_ENTRY[format]
}
