import type { ErrorCode, PorterErrorData } from './error-data'

export class PorterError extends Error {
  readonly code: ErrorCode
  readonly action: string | undefined
  readonly retryable: boolean
  readonly status: number | undefined
  readonly retryAfterSeconds: number | undefined
  readonly field: string | undefined

  constructor(data: PorterErrorData, options?: { cause?: unknown }) {
    super(data.message, options)
    this.name = 'PorterError'
    this.code = data.code
    this.action = data.action
    this.retryable = data.retryable ?? false
    this.status = data.status
    this.retryAfterSeconds = data.retryAfterSeconds
    this.field = data.field
  }

  toData(): PorterErrorData {
    return {
      code: this.code,
      message: this.message,
      ...(this.action === undefined ? {} : { action: this.action }),
      retryable: this.retryable,
      ...(this.status === undefined ? {} : { status: this.status }),
      ...(this.retryAfterSeconds === undefined ? {} : { retryAfterSeconds: this.retryAfterSeconds }),
      ...(this.field === undefined ? {} : { field: this.field })
    }
  }
}

/** True when the caller cancelled (an AbortSignal), whatever shape the error took on the way. */
export function isCancellation(error: unknown): boolean {
  return (
    (error instanceof PorterError && error.code === 'cancelled') ||
    (error instanceof Error && (error.name === 'AbortError' || (error as { code?: unknown }).code === 'ABORT_ERR'))
  )
}

export function cancelled(): PorterError {
  return new PorterError({ code: 'cancelled', message: 'Cancelled.' })
}
