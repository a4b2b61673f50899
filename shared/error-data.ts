import * as z from 'zod'

// Apart from the PorterError class (errors.ts), so code that only throws and catches, such as the
// packing thread, loads no zod: it cost that thread ~30 ms of loading at every start.

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
