import { BlockDeflater } from './block-deflate'
import type { HashingFileSink } from './hashing-sink'

const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3])

/** One gzip member over a block-parallel deflate stream (see BlockDeflater); the trailer carries the CRC of everything. */
export class ParallelGzip {
  private readonly deflater: BlockDeflater
  private started = false

  constructor(
    private readonly sink: HashingFileSink,
    level: number
  ) {
    // The header goes out with the first deflated block: the last one always has some, even when empty.
    this.deflater = new BlockDeflater(async (chunk) => {
      if (!this.started) {
        this.started = true
        await sink.write(GZIP_HEADER)
      }
      await sink.write(chunk)
    }, level)
  }

  /** As BlockDeflater's write: a promise only when the caller must wait. */
  write(chunk: Buffer): Promise<void> | undefined {
    return this.deflater.write(chunk)
  }

  async end(): Promise<void> {
    await this.deflater.end()
    const trailer = Buffer.alloc(8)
    trailer.writeUInt32LE(this.deflater.crc >>> 0, 0)
    trailer.writeUInt32LE(this.deflater.bytesIn % 2 ** 32, 4)
    await this.sink.write(trailer)
  }
}
