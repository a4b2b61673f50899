import { createHash, type Hash } from 'node:crypto'
import { createWriteStream, type WriteStream } from 'node:fs'
import { closeQuietly } from '../fs/close-quietly'

const FLUSH_BYTES = 1024 * 1024

export interface SinkLimit {
  bytes: number
  exceeded(): Error
}

/**
 * A private output file that hashes (sha256) and counts what is written. Small writes (entry
 * headers, small files) are gathered into 1 MiB writes; backpressure is honoured. A write error
 * (a full disk) is kept and thrown by the next call, never left to crash the process.
 */
export class HashingFileSink {
  private readonly hash: Hash = createHash('sha256')
  private written = 0
  private gathered: Buffer[] = []
  private gatheredBytes = 0
  private failure: Error | undefined

  private constructor(
    private readonly stream: WriteStream,
    private readonly limit: SinkLimit | undefined
  ) {
    stream.on('error', (error) => {
      this.failure ??= error
    })
  }

  /** With a limit, writing past it fails at once: a service's size cap stops packing early. */
  static async open(path: string, limit?: SinkLimit): Promise<HashingFileSink> {
    const stream = createWriteStream(path, { flags: 'wx', mode: 0o600 })
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve())
      stream.once('error', reject)
    })
    return new HashingFileSink(stream, limit)
  }

  get offset(): number {
    return this.written
  }

  async write(chunk: Buffer): Promise<void> {
    if (this.failure !== undefined) throw this.failure
    if (this.limit !== undefined && this.written + chunk.length > this.limit.bytes) throw this.limit.exceeded()
    this.hash.update(chunk)
    this.written += chunk.length
    if (chunk.length >= FLUSH_BYTES) {
      // A large chunk goes as it is: gathering would only copy it.
      await this.flush()
      return this.send(chunk)
    }
    this.gathered.push(chunk)
    this.gatheredBytes += chunk.length
    if (this.gatheredBytes >= FLUSH_BYTES) await this.flush()
  }

  private async flush(): Promise<void> {
    if (this.gatheredBytes === 0) return
    const chunk = this.gathered.length === 1 ? (this.gathered[0] as Buffer) : Buffer.concat(this.gathered, this.gatheredBytes)
    this.gathered = []
    this.gatheredBytes = 0
    await this.send(chunk)
  }

  private async send(chunk: Buffer): Promise<void> {
    if (!this.stream.write(chunk)) {
      await new Promise<void>((resolve, reject) => {
        const onError = (error: Error) => reject(error)
        this.stream.once('error', onError)
        this.stream.once('drain', () => {
          this.stream.off('error', onError)
          resolve()
        })
      })
    }
    if (this.failure !== undefined) throw this.failure
  }

  async close(): Promise<{ sha256: string; size: number }> {
    await this.flush()
    await new Promise<void>((resolve, reject) => {
      this.stream.once('error', reject)
      this.stream.end(() => (this.failure === undefined ? resolve() : reject(this.failure)))
    })
    return { sha256: this.hash.digest('hex'), size: this.written }
  }

  /** Stops writing after a failure; waits for in-flight writes so the file can be removed safely. */
  async abandon(): Promise<void> {
    this.gathered = []
    this.gatheredBytes = 0
    await closeQuietly(this.stream)
  }
}
