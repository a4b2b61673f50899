import { PorterError } from '../../../../shared/errors'
import { count, noun } from '../../../../shared/format'
import { clockTime } from '../../timing/clock'
import { sleep } from '../../timing/sleep'

export interface PacerOptions {
  limit: number
  windowMs: number
  now?: () => number
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  /** Longer waits than this fail with a plain message instead of freezing the window. */
  maxWaitMs?: number
}

/** Keeps this client under the service's allowance (a sliding window), so it never earns a 429. */
export class Pacer {
  private readonly sent: number[] = []
  private readonly now: () => number
  private readonly wait: (ms: number, signal?: AbortSignal) => Promise<void>

  constructor(private readonly options: PacerOptions) {
    this.now = options.now ?? Date.now
    this.wait = options.sleep ?? sleep
  }

  async take(service: string, signal?: AbortSignal): Promise<void> {
    for (;;) {
      const now = this.now()
      while (this.sent.length > 0 && (this.sent[0] ?? 0) <= now - this.options.windowMs) this.sent.shift()
      if (this.sent.length < this.options.limit) {
        this.sent.push(now)
        return
      }
      const waitMs = (this.sent[0] ?? now) + this.options.windowMs - now
      if (waitMs > (this.options.maxWaitMs ?? 60_000)) {
        throw new PorterError({
          code: 'rate_limited',
          retryable: true,
          retryAfterSeconds: Math.ceil(waitMs / 1000),
          message: `${service} allows ${count(this.options.limit, 'request')} every ${count(Math.round(this.options.windowMs / 60_000), 'minute')}, and this computer has used ${noun(this.options.limit, 'it', 'them')}.`,
          action: `Try again at ${clockTime(now + waitMs)}.`
        })
      }
      await this.wait(waitMs, signal)
    }
  }
}
