import { createHash, type Hash } from 'node:crypto'
import { createWriteStream, type WriteStream } from 'node:fs'
import { closeQuietly } from '../fs/close-quietly'

const FLUSH_BYTES = 1024 * 1024

/**
 * A private output file that hashes (sha256) and counts what is written. Small writes (entry
 * headers, small files) are gathered into 1 MiB writes; backpressure is honoured.
 */
export class HashingFileSink {
  private readonly hash: Hash = createHash('sha256')
  private written = 0
  private gathered: Buffer[] = []
  private gatheredBytes = 0

  private constructor(private readonly stream: WriteStream) {}

  static async open(path: string): Promise<HashingFileSink> {
    const stream = createWriteStream(path, { flags: 'wx', mode: 0o600 })
    await new Promise<void>((resolve, reject) => {
      stream.once('open', () => resolve())
      stream.once('error', reject)
    })
    return new HashingFileSink(stream)
  }

  get offset(): number {
    return this.written
  }

  async write(chunk: Buffer): Promise<void> {
    this.hash.update(chunk)
    this.written += chunk.length
    this.gathered.push(chunk)
    this.gatheredBytes += chunk.length
    if (this.gatheredBytes >= FLUSH_BYTES) await this.flush()
  }

  private async flush(): Promise<void> {
    if (this.gatheredBytes === 0) return
    const chunk = this.gathered.length === 1 ? (this.gathered[0] as Buffer) : Buffer.concat(this.gathered, this.gatheredBytes)
    this.gathered = []
    this.gatheredBytes = 0
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
  }

  async close(): Promise<{ sha256: string; size: number }> {
    await this.flush()
    await new Promise<void>((resolve, reject) => this.stream.end((error?: Error | null) => (error ? reject(error) : resolve())))
    return { sha256: this.hash.digest('hex'), size: this.written }
  }

  /** Stops writing after a failure; waits for in-flight writes so the file can be removed safely. */
  async abandon(): Promise<void> {
    this.gathered = []
    this.gatheredBytes = 0
    await closeQuietly(this.stream)
  }
}
