/**
 * Memory for reading, handed out in order and given back in the same order (as entries are written
 * in the order they are read): one allocation for a whole archive instead of one per file, which
 * left tens of MB of dropped buffers waiting for the collector.
 */
export class ReadRing {
  private readonly memory: Buffer
  private start = 0
  private used = 0
  private readonly slots: number[] = []

  constructor(bytes: number) {
    this.memory = Buffer.allocUnsafe(bytes)
  }

  /** `bytes` in one piece, or undefined until earlier pieces are given back. */
  take(bytes: number): Buffer | undefined {
    const size = this.memory.length
    if (this.used === 0) this.start = 0
    const tail = this.start + this.used
    let at: number
    let skipped = 0
    if (tail <= size) {
      if (tail + bytes <= size) at = tail
      else if (bytes <= this.start) {
        at = 0
        skipped = size - tail
      } else return undefined
    } else if (tail - size + bytes <= this.start) at = tail - size
    else return undefined
    this.used += skipped + bytes
    this.slots.push(skipped + bytes)
    return this.memory.subarray(at, at + bytes)
  }

  /** Gives back the oldest piece. */
  release(): void {
    const bytes = this.slots.shift() ?? 0
    this.start = (this.start + bytes) % this.memory.length
    this.used -= bytes
  }
}
