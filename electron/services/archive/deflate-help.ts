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

interface Offered {
  data: Buffer
  level: number
  resolve(out: Buffer): void
  done: boolean
}

function deflateSmall(data: Uint8Array, level: number): Buffer {
  return deflateRawSync(data, { level, chunkSize: Math.max(64, Math.min(data.length + 64, 64 * 1024)) })
}

/**
 * Deflates small files on a second thread, a batch at a time. A thread-pool call per file costs
 * more than deflating the file (measured: 3× the CPU time for profiles of 1–10 KiB files), so the
 * packing thread hands batches to the thread that waits on it and deflates the rest itself. It
 * never waits on the other: whenever it would be idle, it deflates the oldest file still out
 * itself (the other's answer for it is then ignored), so a helper that is slow to answer (a busy
 * machine) costs nothing but the work it does.
 */
export class DeflateHelp {
  private batch: Offered[] = []
  private bytes = 0
  private nextId = 0
  private readonly out: Offered[] = []
  private outBytes = 0
  private readonly pending = new Map<number, Offered[]>()
  private stealing = false

  constructor(private readonly send: (batch: DeflateBatch) => void) {}

  /** The deflated bytes, soon; or undefined when this thread should deflate it now. */
  offer(data: Buffer, level: number): Promise<Buffer> | undefined {
    if (this.outBytes + data.length > IN_FLIGHT_BYTES) return undefined
    return new Promise<Buffer>((resolve) => {
      const item: Offered = { data, level, resolve, done: false }
      if (this.batch.length === 0) queueMicrotask(() => this.flush())
      this.batch.push(item)
      this.out.push(item)
      this.outBytes += data.length
      this.bytes += data.length
      if (this.bytes >= BATCH_BYTES) this.flush()
      this.stealWhenIdle()
    })
  }

  /** The answer to a batch: each file's deflated bytes, back to back. */
  receive(id: number, data: ArrayBuffer, sizes: number[]): void {
    const items = this.pending.get(id) ?? []
    this.pending.delete(id)
    let at = 0
    sizes.forEach((size, index) => {
      const item = items[index]
      if (item !== undefined) this.settle(item, Buffer.from(data, at, size))
      at += size
    })
  }

  private settle(item: Offered, out: Buffer): void {
    if (item.done) return
    item.done = true
    this.out.splice(this.out.indexOf(item), 1)
    this.outBytes -= item.data.length
    item.resolve(out)
  }

  /** setImmediate runs once this thread has nothing else to do: then the oldest file still out is deflated here. */
  private stealWhenIdle(): void {
    if (this.stealing) return
    this.stealing = true
    setImmediate(() => {
      this.stealing = false
      const oldest = this.out[0]
      if (oldest === undefined) return
      this.settle(oldest, deflateSmall(oldest.data, oldest.level))
      if (this.out.length > 0) this.stealWhenIdle()
    })
  }

  private flush(): void {
    const items = this.batch.filter((item) => !item.done)
    this.batch = []
    this.bytes = 0
    if (items.length === 0) return
    const data = new ArrayBuffer(items.reduce((sum, item) => sum + item.data.length, 0))
    const view = new Uint8Array(data)
    let at = 0
    for (const item of items) {
      view.set(item.data, at)
      at += item.data.length
    }
    const id = ++this.nextId
    this.pending.set(id, items)
    this.send({ id, level: items[0]?.level ?? 1, data, sizes: items.map((item) => item.data.length) })
  }
}

/** The helping side: a batch deflated, file by file, into one buffer to hand back without copying. */
export function deflateBatch(batch: DeflateBatch): { data: ArrayBuffer; sizes: number[] } {
  const outs: Buffer[] = []
  let at = 0
  for (const size of batch.sizes) {
    outs.push(deflateSmall(new Uint8Array(batch.data, at, size), batch.level))
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
