import { PorterError, isCancellation } from '../../../shared/errors'
import { clockTime } from '../timing/clock'

export interface RetryOptions {
  signal?: AbortSignal
  attempts?: number
  baseMs?: number
  /** A service asking for a longer wait than this ends the job with the time to try again, rather than hold it. */
  maxWaitMs?: number
  now?: () => number
  sleep(ms: number, signal?: AbortSignal): Promise<void>
  onRetry?(error: PorterError, waitMs: number, attempt: number, attempts: number): void
}

/** Transient failures (dropped connection, timeout, 5xx, 429) are worth another try; a refusal is not. */
function isTransient(error: unknown): error is PorterError {
  return error instanceof PorterError && error.retryable && error.code !== 'cancelled'
}

/** The service wants a long pause: say until when, and let the person retry then. */
function waitUntil(error: PorterError, until: number): PorterError {
  return new PorterError(
    { ...error.toData(), message: `${error.message} It asks to wait until ${clockTime(until)}.`, action: 'Retry then: nothing was lost.' },
    { cause: error }
  )
}

/** Runs `attempt` again after transient failures, waiting longer each time (or as long as the service asked). */
export async function withRetry<T>(attempt: () => Promise<T>, options: RetryOptions): Promise<T> {
  const attempts = options.attempts ?? 4
  const now = options.now ?? Date.now
  for (let tried = 1; ; tried++) {
    try {
      return await attempt()
    } catch (error) {
      if (isCancellation(error) || options.signal?.aborted === true || !isTransient(error) || tried >= attempts) throw error
      const asked = error.retryAfterSeconds === undefined ? undefined : error.retryAfterSeconds * 1000
      if (asked !== undefined && asked > (options.maxWaitMs ?? 60_000)) throw waitUntil(error, now() + asked)
      const backoff = (options.baseMs ?? 1000) * 2 ** (tried - 1)
      const waitMs = asked === undefined ? backoff : Math.max(backoff, asked)
      options.onRetry?.(error, waitMs, tried + 1, attempts)
      await options.sleep(waitMs, options.signal)
    }
  }
}
