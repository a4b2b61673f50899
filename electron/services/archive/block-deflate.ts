import { promisify } from 'node:util'
import { constants, crc32, deflateRaw, deflateRawSync } from 'node:zlib'

const deflateRawAsync = promisify(deflateRaw)
const BLOCK_BYTES = 1024 * 1024
/** Blocks in flight at once: enough to keep both cores busy, few enough to keep memory flat. */
const WINDOW = 4
/** A block that deflates to more than this share of itself is kept as it is (already compressed). */
export const INCOMPRESSIBLE = 0.95

/** Whether deflate is worth running on data that starts like `sample` (media, zips, encrypted blobs are not). */
export function compresses(sample: Buffer, level: number): boolean {
  if (sample.length === 0) return true
  return deflateRawSync(sample, { level }).length <= sample.length * INCOMPRESSIBLE
}

/**
 * One raw deflate stream made of independently compressed 1 MiB blocks, compressed on the thread
 * pool a few at a time (pigz's --independent): every block but the last ends with a sync flush,
 * so their concatenation is one valid stream. A block that does not compress is emitted as stored
 * blocks, so already-compressed data moves at disk speed. The CRC-32 covers the input.
 */
export class BlockDeflater {
  private pending: Buffer[] = []
  private pendingBytes = 0
  private readonly inFlight: Array<Promise<Buffer>> = []
  crc = 0
  bytesIn = 0
  bytesOut = 0

  constructor(
    private readonly emit: (chunk: Buffer) => Promise<void>,
    private readonly level: number
  ) {}

  async write(chunk: Buffer): Promise<void> {
    this.crc = crc32(chunk, this.crc)
    this.bytesIn += chunk.length
    this.pending.push(chunk)
    this.pendingBytes += chunk.length
    while (this.pendingBytes >= BLOCK_BYTES) await this.cut(false)
  }

  async end(): Promise<void> {
    await this.cut(true)
    while (this.inFlight.length > 0) await this.flushOne()
  }

  private async flushOne(): Promise<void> {
    const out = await (this.inFlight.shift() as Promise<Buffer>)
    this.bytesOut += out.length
    await this.emit(out)
  }

  private async cut(last: boolean): Promise<void> {
    const all = this.pending.length === 1 ? (this.pending[0] as Buffer) : Buffer.concat(this.pending, this.pendingBytes)
    const block = last ? all : all.subarray(0, BLOCK_BYTES)
    const rest = last ? Buffer.alloc(0) : all.subarray(BLOCK_BYTES)
    this.pending = rest.length === 0 ? [] : [rest]
    this.pendingBytes = rest.length
    const flush = last ? constants.Z_FINISH : constants.Z_SYNC_FLUSH
    // One output chunk for the whole block: zlib's default 16 KiB chunks cost a main-thread callback each.
    const chunkSize = block.length + (block.length >> 3) + 1024
    const compressed = deflateRawAsync(block, { level: this.level, finishFlush: flush, chunkSize }).then((out) =>
      out.length <= block.length * INCOMPRESSIBLE || block.length === 0
        ? out
        : deflateRawAsync(block, { level: 0, finishFlush: flush, chunkSize })
    )
    compressed.catch(() => undefined)
    this.inFlight.push(compressed)
    while (this.inFlight.length >= WINDOW) await this.flushOne()
  }
}
