/** Speed (an average over the last few seconds) and time left, from byte counts as they come. */
export class ProgressMeter {
  private samples: Array<{ at: number; bytes: number }> = []

  constructor(
    private readonly now: () => number,
    private readonly windowMs = 5000
  ) {}

  reset(): void {
    this.samples = []
  }

  add(bytesDone: number, bytesTotal: number | undefined): { bytesPerSecond?: number; etaSeconds?: number } {
    const at = this.now()
    this.samples.push({ at, bytes: bytesDone })
    while (this.samples.length > 2 && (this.samples[0]?.at ?? at) < at - this.windowMs) this.samples.shift()
    const first = this.samples[0]
    if (first === undefined || at - first.at < 250 || bytesDone < first.bytes) return {}
    const bytesPerSecond = ((bytesDone - first.bytes) * 1000) / (at - first.at)
    if (bytesPerSecond <= 0) return { bytesPerSecond: 0 }
    return bytesTotal === undefined
      ? { bytesPerSecond }
      : { bytesPerSecond, etaSeconds: Math.max(0, (bytesTotal - bytesDone) / bytesPerSecond) }
  }
}
