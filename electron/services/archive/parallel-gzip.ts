import { promisify } from 'node:util'
import { constants, crc32, deflateRaw } from 'node:zlib'
import type { HashingFileSink } from './hashing-sink'

const deflateRawAsync = promisify(deflateRaw)
const BLOCK = 1024 * 1024
const WINDOW = 4
const GZIP_HEADER = Buffer.from([0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 3])

/**
 * One gzip member made of independently deflated 1 MiB blocks, compressed on the thread pool a
 * few at a time (pigz --independent). Each block but the last ends with a sync flush, so the
 * concatenation is one valid deflate stream; the trailer carries the CRC of everything.
 */
export class ParallelGzip {
  private pending: Buffer[] = []
  private pendingBytes = 0
  private readonly inFlight: Array<Promise<Buffer>> = []
  private crc = 0
  private total = 0
  private started = false

  constructor(
    private readonly sink: HashingFileSink,
    private readonly level = 6
  ) {}

  async write(chunk: Buffer): Promise<void> {
    if (!this.started) {
      this.started = true
      await this.sink.write(GZIP_HEADER)
    }
    this.crc = crc32(chunk, this.crc)
    this.total += chunk.length
    this.pending.push(chunk)
    this.pendingBytes += chunk.length
    if (this.pendingBytes >= BLOCK) await this.cut(false)
  }

  async end(): Promise<void> {
    if (!this.started) await this.write(Buffer.alloc(0))
    await this.cut(true)
    while (this.inFlight.length > 0) await this.sink.write(await (this.inFlight.shift() as Promise<Buffer>))
    const trailer = Buffer.alloc(8)
    trailer.writeUInt32LE(this.crc >>> 0, 0)
    trailer.writeUInt32LE(this.total % 2 ** 32, 4)
    await this.sink.write(trailer)
  }

  private async cut(last: boolean): Promise<void> {
    const block = Buffer.concat(this.pending, this.pendingBytes)
    this.pending = []
    this.pendingBytes = 0
    const compressed = deflateRawAsync(block, {
      level: this.level,
      finishFlush: last ? constants.Z_FINISH : constants.Z_SYNC_FLUSH
    })
    compressed.catch(() => undefined)
    this.inFlight.push(compressed)
    while (this.inFlight.length >= WINDOW) await this.sink.write(await (this.inFlight.shift() as Promise<Buffer>))
  }
}
