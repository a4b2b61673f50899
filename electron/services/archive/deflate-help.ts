import { deflateRawSync } from 'node:zlib'

/** A batch of small files' bytes, back to back, and each one's length. */
export interface DeflateBatch {
  id: number
  level: number
  data: ArrayBuffer
  sizes: number[]
}

/** A batch at most this large is deflated in about a millisecond: the helping thread is never held longer. */
const BATCH_BYTES = 64 * 1024
/** Bytes handed over and not yet back; beyond this, the packing thread deflates a file itself. */
const IN_FLIGHT_BYTES = 512 * 1024

/**
 * Deflates small files on a second thread, a batch at a time. A thread-pool call per file costs
 * more than deflating the file (measured: 3× the CPU time for profiles of 1–10 KiB files), so the
 * packing thread hands batches to the thread that waits on it and deflates the rest itself, as
 * long as the other is busy: small files use both cores.
 */
export class DeflateHelp {
  private batch: Buffer[] = []
  private bytes = 0
  private waiting: Array<(out: Buffer) => void> = []
  private inFlight = 0
  private nextId = 0
  private readonly pending = new Map<number, { resolve: Array<(out: Buffer) => void>; bytes: number }>()

  constructor(private readonly send: (batch: DeflateBatch) => void) {}

  /** The deflated bytes, soon; or undefined when this thread should deflate it now. */
  offer(data: Buffer, level: number): Promise<Buffer> | undefined {
    if (this.inFlight + this.bytes + data.length > IN_FLIGHT_BYTES) return undefined
    if (this.batch.length === 0) queueMicrotask(() => this.flush(level))
    this.batch.push(data)
    this.bytes += data.length
    const out = new Promise<Buffer>((resolve) => this.waiting.push(resolve))
    if (this.bytes >= BATCH_BYTES) this.flush(level)
    return out
  }

  /** The answer to a batch: each file's deflated bytes, back to back. */
  receive(id: number, data: ArrayBuffer, sizes: number[]): void {
    const batch = this.pending.get(id)
    if (batch === undefined) return
    this.pending.delete(id)
    this.inFlight -= batch.bytes
    let at = 0
    sizes.forEach((size, index) => {
      batch.resolve[index]?.(Buffer.from(data, at, size))
      at += size
    })
  }

  private flush(level: number): void {
    if (this.batch.length === 0) return
    const data = new ArrayBuffer(this.bytes)
    const view = new Uint8Array(data)
    let at = 0
    for (const part of this.batch) {
      view.set(part, at)
      at += part.length
    }
    const id = ++this.nextId
    this.pending.set(id, { resolve: this.waiting, bytes: this.bytes })
    this.inFlight += this.bytes
    this.send({ id, level, data, sizes: this.batch.map((part) => part.length) })
    this.batch = []
    this.bytes = 0
    this.waiting = []
  }
}

/** The helping side: a batch deflated, file by file, into one buffer to hand back without copying. */
export function deflateBatch(batch: DeflateBatch): { data: ArrayBuffer; sizes: number[] } {
  const outs: Buffer[] = []
  let at = 0
  for (const size of batch.sizes) {
    outs.push(
      deflateRawSync(new Uint8Array(batch.data, at, size), { level: batch.level, chunkSize: Math.max(64, Math.min(size + 64, 64 * 1024)) })
    )
    at += size
  }
  const data = new ArrayBuffer(outs.reduce((sum, out) => sum + out.length, 0))
  const view = new Uint8Array(data)
  let offset = 0
  for (const out of outs) {
    view.set(out, offset)
    offset += out.length
  }
  return { data, sizes: outs.map((out) => out.length) }
}

/** The packing thread's helper, when it has one (set by the packing thread; none when archiving in the caller's thread). */
export const help: { deflate?: DeflateHelp } = {}
