import { z } from 'zod'

export const ErrorCode = z.enum([
  'invalid_input',
  'forbidden',
  'unauthorized',
  'not_found',
  'conflict',
  'too_large',
  'rate_limited',
  'network',
  'service',
  'browser_running',
  /** The running browser would not or could not share its sign-ins (remote debugging off, not allowed, a stale note). */
  'live_unavailable',
  /** Cookies were found for the chosen sites and none of them can be read: the profile would arrive signed out. */
  'signed_out',
  'cancelled',
  'internal'
])
export type ErrorCode = z.infer<typeof ErrorCode>

/** What crosses the process boundary when a call fails: a plain cause and a next step, never a stack. */
export const PorterErrorData = z.object({
  code: ErrorCode,
  message: z.string(),
  action: z.string().optional(),
  retryable: z.boolean().optional(),
  status: z.number().optional(),
  /** How long the service asked us to wait (429 Retry-After). */
  retryAfterSeconds: z.number().optional(),
  /** For input the contract refused: which field ("name", "labels.team"), so a form or the CLI can point at it. */
  field: z.string().optional()
})
export type PorterErrorData = z.infer<typeof PorterErrorData>

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
