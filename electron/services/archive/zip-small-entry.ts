import { promisify } from 'node:util'
import { crc32, deflateRaw } from 'node:zlib'
import { INCOMPRESSIBLE } from './block-deflate'
import type { ReusedDeflate } from './reused-deflate'
import { DEFLATED, STORED } from './zip-record'

const deflateRawAsync = promisify(deflateRaw)

/** A small file read whole: its CRC, and its bytes as they go in the archive (deflated, or stored when that does not shrink them). */
export interface Prepared {
  crc: number
  method: number
  payload: Buffer
  size: number
}

/** Below this, a thread-pool round trip costs more than deflating on the spot. */
const INLINE_DEFLATE_BYTES = 32 * 1024

export async function prepareSmall(data: Buffer, level: number, inline: ReusedDeflate): Promise<Prepared> {
  const crc = crc32(data)
  if (data.length === 0) return { crc, method: STORED, payload: data, size: 0 }
  // On the thread pool, zlib's default 16 KiB output chunk would be kept alive by each payload's
  // slice; sized to the input, thousands of such files no longer outrun the garbage collector.
  const compressed =
    data.length < INLINE_DEFLATE_BYTES
      ? inline.deflate(data)
      : await deflateRawAsync(data, { level, chunkSize: Math.min(data.length + 64, 64 * 1024) })
  return compressed.length < data.length * INCOMPRESSIBLE
    ? { crc, method: DEFLATED, payload: compressed, size: data.length }
    : { crc, method: STORED, payload: data, size: data.length }
}
