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
  status: z.number().optional()
})
export type PorterErrorData = z.infer<typeof PorterErrorData>

export class PorterError extends Error {
  readonly code: ErrorCode
  readonly action: string | undefined
  readonly retryable: boolean
  readonly status: number | undefined

  constructor(data: PorterErrorData, options?: { cause?: unknown }) {
    super(data.message, options)
    this.name = 'PorterError'
    this.code = data.code
    this.action = data.action
    this.retryable = data.retryable ?? false
    this.status = data.status
  }

  toData(): PorterErrorData {
    return {
      code: this.code,
      message: this.message,
      ...(this.action === undefined ? {} : { action: this.action }),
      retryable: this.retryable,
      ...(this.status === undefined ? {} : { status: this.status })
    }
  }
}

export function isPorterErrorData(value: unknown): value is PorterErrorData {
  return PorterErrorData.safeParse(value).success
}
