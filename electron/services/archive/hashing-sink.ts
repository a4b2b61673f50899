import { createHash, type Hash } from 'node:crypto'
import { open, type FileHandle } from 'node:fs/promises'
import { writeAll } from '../fs/write-all'

const GATHER_BYTES = 1024 * 1024

export interface SinkLimit {
  bytes: number
  exceeded(): Error
}

/**
 * A private output file that hashes (sha256) and counts what is written. Small writes (entry
 * headers, small files, deflate output) are copied into one of two reused 1 MiB buffers, written
 * while the other fills; a large chunk is written as it is, before write() returns, so a caller
 * may reuse its buffer at once. A write error (a full disk) is kept and thrown by the next call.
 */
export class HashingFileSink {
  private readonly hash: Hash = createHash('sha256')
  private written = 0
  private position = 0
  private buffers: Buffer[] = []
  private current: Buffer | undefined
  private used = 0
  /** The write of the other buffer, if one is under way. */
  private writing: Promise<void> = Promise.resolve()
  private failure: Error | undefined

  private constructor(
    /** The file being written: a writer may keep what it appends last beside it (the zip's directory). */
    readonly path: string,
    private readonly handle: FileHandle,
    private readonly limit: SinkLimit | undefined
  ) {}

  /** With a limit, writing past it fails at once: a service's size cap stops packing early. */
  static async open(path: string, limit?: SinkLimit): Promise<HashingFileSink> {
    return new HashingFileSink(path, await open(path, 'wx', 0o600), limit)
  }

  get offset(): number {
    return this.written
  }

  async write(chunk: Buffer): Promise<void> {
    if (this.failure !== undefined) throw this.failure
    if (this.limit !== undefined && this.written + chunk.length > this.limit.bytes) throw this.limit.exceeded()
    this.hash.update(chunk)
    this.written += chunk.length
    if (chunk.length >= GATHER_BYTES) {
      await this.flush()
      await this.settle()
      return this.put(chunk, chunk.length)
    }
    for (let at = 0; at < chunk.length;) {
      this.current ??= this.buffers.pop() ?? Buffer.allocUnsafe(GATHER_BYTES)
      const copied = chunk.copy(this.current, this.used, at)
      this.used += copied
      at += copied
      if (this.used === GATHER_BYTES) await this.flush()
    }
  }

  /** Starts writing the gathered buffer, once the one before it is written. */
  private async flush(): Promise<void> {
    if (this.current === undefined || this.used === 0) return
    await this.settle()
    const buffer = this.current
    const length = this.used
    this.current = undefined
    this.used = 0
    this.writing = this.put(buffer, length).then(
      () => void this.buffers.push(buffer),
      (error: unknown) => {
        this.failure ??= error as Error
      }
    )
  }

  private async settle(): Promise<void> {
    await this.writing
    if (this.failure !== undefined) throw this.failure
  }

  private async put(buffer: Buffer, length: number): Promise<void> {
    const at = this.position
    this.position += length
    await writeAll(this.handle, buffer.subarray(0, length), at)
  }

  async close(): Promise<{ sha256: string; size: number }> {
    await this.flush()
    await this.settle()
    await this.handle.close()
    return { sha256: this.hash.digest('hex'), size: this.written }
  }

  /** Stops writing after a failure; waits for the write under way so the file can be removed safely. */
  async abandon(): Promise<void> {
    this.current = undefined
    await this.writing.catch(() => undefined)
    await this.handle.close().catch(() => undefined)
  }
}
