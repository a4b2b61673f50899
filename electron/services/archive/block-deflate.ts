import { availableParallelism } from 'node:os'
import { constants, crc32, createDeflateRaw } from 'node:zlib'

const BLOCK_BYTES = 1024 * 1024
/**
 * Blocks in flight at once: one per core (up to the thread pool's 4 threads) deflating while the
 * next fills, few enough to keep memory flat. Four on 2 cores left the packing thread, which makes
 * the stream, competing with more deflating threads than cores: with 3, tar.gz of the 20k profile
 * took 427–539 ms instead of 471–560 (7 alternating pairs), the import to the WebRun twin 545 ms
 * instead of 578 (medians of 8 pairs) at a 4 MB lower peak, the 100k library import 3.9 s instead
 * of 4.1 (5 pairs). 400 MB of large compressible files took ~3% longer (6.2 s against 6.0, 11 pairs).
 */
const WINDOW = Math.min(availableParallelism(), 4) + 1
/** A block that deflates to more than this share of itself is kept as it is (already compressed). */
export const INCOMPRESSIBLE = 0.95
/**
 * Room for a whole block's output in one piece (deflate grows data that does not compress by a few
 * bytes per 16 KiB): each piece is one round trip between this thread and the thread pool, and
 * 64 KiB pieces made ~7 per block, leaving this thread waiting. Measured: the 100k library import
 * 3.6–4.1 s instead of 3.9–4.3 at the same peak (149–157 MB against 150–155); tar.gz of 20k files 5%
 * faster in paired runs; 400 MB of large compressible files peaked at 127–132 MB, not 134–137.
 */
const OUT_MARGIN = 64 * 1024
/** A stored deflate block holds at most this many bytes. */
const STORED_MAX = 0xffff

/** Block buffers between uses, shared by every stream of this thread: a large file no longer allocates its own. */
const spare: Buffer[] = []

/** Data as stored deflate blocks, pointing into `data` (byte-aligned: every earlier block ended with a flush). */
function storedBlocks(data: Buffer, last: boolean): Buffer[] {
  const parts: Buffer[] = []
  let at = 0
  do {
    const piece = data.subarray(at, at + STORED_MAX)
    at += piece.length
    const header = Buffer.allocUnsafe(5)
    header[0] = last && at >= data.length ? 1 : 0
    header.writeUInt16LE(piece.length, 1)
    header.writeUInt16LE(~piece.length & 0xffff, 3)
    parts.push(header, piece)
  } while (at < data.length)
  return parts
}

/** One block deflated on the thread pool; kept as stored blocks when it does not shrink (no second pass). */
function deflateBlock(data: Buffer, level: number, last: boolean): Promise<Buffer[]> {
  return new Promise((resolve, reject) => {
    const engine = createDeflateRaw({
      level,
      chunkSize: data.length + OUT_MARGIN,
      finishFlush: last ? constants.Z_FINISH : constants.Z_SYNC_FLUSH
    })
    const out: Buffer[] = []
    let size = 0
    engine.on('data', (chunk: Buffer) => {
      out.push(chunk)
      size += chunk.length
    })
    engine.on('error', reject)
    engine.on('end', () => resolve(data.length === 0 || size <= data.length * INCOMPRESSIBLE ? out : storedBlocks(data, last)))
    engine.end(data)
  })
}

/**
 * One raw deflate stream made of independently compressed 1 MiB blocks, compressed on the thread
 * pool a few at a time (pigz's --independent): every block but the last ends with a sync flush,
 * so their concatenation is one valid stream. A block that does not compress is emitted as stored
 * blocks, so already-compressed data moves at disk speed. The CRC-32 covers the input. Written
 * data is copied into a few reused block buffers, so a caller may reuse its chunk as soon as
 * write() returns nothing, or once the promise it returned has settled.
 */
export class BlockDeflater {
  private block: Buffer | undefined
  private used = 0
  private readonly inFlight: Array<{ block: Buffer | undefined; out: Promise<Buffer[]> }> = []
  crc = 0
  bytesIn = 0
  bytesOut = 0

  constructor(
    private readonly emit: (chunk: Buffer) => Promise<void>,
    private readonly level: number
  ) {}

  /**
   * Copies the chunk in; a promise only when a block filled and had to be sent on. Most writes are
   * a small file's header, data or padding and finish here, so they make no promise to wait for.
   */
  write(chunk: Buffer): Promise<void> | undefined {
    this.crc = crc32(chunk, this.crc)
    this.bytesIn += chunk.length
    const copied = this.copyIn(chunk, 0)
    return copied === chunk.length ? undefined : this.writeRest(chunk, copied)
  }

  private copyIn(chunk: Buffer, from: number): number {
    this.block ??= spare.pop() ?? Buffer.allocUnsafe(BLOCK_BYTES)
    const copied = chunk.copy(this.block, this.used, from)
    this.used += copied
    return from + copied
  }

  private async writeRest(chunk: Buffer, from: number): Promise<void> {
    for (let at = from; ;) {
      await this.cut(false)
      if (at === chunk.length) return
      at = this.copyIn(chunk, at)
      if (at === chunk.length && this.used < BLOCK_BYTES) return
    }
  }

  async end(): Promise<void> {
    await this.cut(true)
    while (this.inFlight.length > 0) await this.flushOne()
  }

  private async flushOne(): Promise<void> {
    const { block, out } = this.inFlight.shift() as { block: Buffer | undefined; out: Promise<Buffer[]> }
    for (const chunk of await out) {
      this.bytesOut += chunk.length
      await this.emit(chunk)
    }
    // Its stored form, if any, pointed into it: only now can the block be filled again.
    if (block !== undefined && spare.length <= WINDOW) spare.push(block)
  }

  private async cut(last: boolean): Promise<void> {
    const block = this.block
    const data = block === undefined ? Buffer.alloc(0) : block.subarray(0, this.used)
    this.block = undefined
    this.used = 0
    const out = deflateBlock(data, this.level, last)
    out.catch(() => undefined)
    this.inFlight.push({ block, out })
    while (this.inFlight.length >= WINDOW) await this.flushOne()
  }
}
