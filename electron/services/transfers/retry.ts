import { PorterError, isCancellation } from '../../../shared/errors'

export interface RetryOptions {
  signal?: AbortSignal
  attempts?: number
  baseMs?: number
  sleep(ms: number, signal?: AbortSignal): Promise<void>
  onRetry?(error: PorterError, waitMs: number, attempt: number): void
}

/** Transient failures (dropped connection, timeout, 5xx, 429) are worth another try; a refusal is not. */
export function isTransient(error: unknown): error is PorterError {
  return error instanceof PorterError && error.retryable && error.code !== 'cancelled'
}

/** Runs `attempt` again after transient failures, waiting longer each time (or as long as the service asked). */
export async function withRetry<T>(attempt: () => Promise<T>, options: RetryOptions): Promise<T> {
  const attempts = options.attempts ?? 4
  for (let tried = 1; ; tried++) {
    try {
      return await attempt()
    } catch (error) {
      if (isCancellation(error) || options.signal?.aborted === true || !isTransient(error) || tried >= attempts) throw error
      const backoff = (options.baseMs ?? 1000) * 2 ** (tried - 1)
      const waitMs = error.retryAfterSeconds === undefined ? backoff : Math.max(backoff, error.retryAfterSeconds * 1000)
      options.onRetry?.(error, waitMs, tried + 1)
      await options.sleep(waitMs, options.signal)
    }
  }
}
