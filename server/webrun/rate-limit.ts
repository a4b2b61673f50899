/** A fixed-window limiter per client address, as express-rate-limit does by default. */
export class RateLimiter {
  private readonly windows = new Map<string, { count: number; resetAt: number }>()

  constructor(
    private readonly limit: number,
    private readonly windowMs: number,
    private readonly now: () => number
  ) {}

  /** Counts a request; returns the headers to send and, when over the limit, seconds to wait. */
  hit(client: string): { headers: Record<string, string>; retryAfter?: number } {
    if (this.limit <= 0) return { headers: {} }
    const now = this.now()
    let window = this.windows.get(client)
    if (window === undefined || window.resetAt <= now) {
      window = { count: 0, resetAt: now + this.windowMs }
      this.windows.set(client, window)
    }
    window.count += 1
    const resetSeconds = Math.max(1, Math.ceil((window.resetAt - now) / 1000))
    const headers = {
      'ratelimit-limit': String(this.limit),
      'ratelimit-remaining': String(Math.max(0, this.limit - window.count)),
      'ratelimit-reset': String(resetSeconds)
    }
    if (window.count <= this.limit) return { headers }
    return { headers: { ...headers, 'retry-after': String(resetSeconds) }, retryAfter: resetSeconds }
  }
}
