import { PorterError } from '../../../shared/errors'
import type { PorterErrorData } from '../../../shared/error-data'
import { KeyUnavailable } from '../portability/key-sources'

/** An error as it crosses between threads: data, no class. */
export type SentError =
  | { kind: 'porter'; data: PorterErrorData }
  | { kind: 'limit' }
  | { kind: 'key'; message: string }
  | { kind: 'plain'; name: string; message: string; code?: string; path?: string; stack?: string }

/** The service's cap was reached: the caller turns it into its own plain error. */
export class LimitReached extends Error {}

export function sendError(error: unknown): SentError {
  if (error instanceof PorterError) return { kind: 'porter', data: error.toData() }
  if (error instanceof LimitReached) return { kind: 'limit' }
  // The OS would not give a key: said per site in the portability report, never a crash.
  if (error instanceof KeyUnavailable) return { kind: 'key', message: error.message }
  const { name, message, code, path, stack } = error as NodeJS.ErrnoException
  return {
    kind: 'plain',
    name: typeof name === 'string' ? name : 'Error',
    message: typeof message === 'string' ? message : String(error),
    ...(typeof code === 'string' ? { code } : {}),
    ...(typeof path === 'string' ? { path } : {}),
    ...(typeof stack === 'string' ? { stack } : {})
  }
}

/** The error again, on this side: a PorterError or a refused key as it was; a system error with its code and path, so it is explained the same way. */
export function receiveError(sent: SentError, limit: () => Error): Error {
  if (sent.kind === 'porter') return new PorterError(sent.data)
  if (sent.kind === 'limit') return limit()
  if (sent.kind === 'key') return new KeyUnavailable(sent.message)
  const error = Object.assign(
    new Error(sent.message),
    sent.code === undefined ? {} : { code: sent.code },
    sent.path === undefined ? {} : { path: sent.path }
  )
  error.name = sent.name
  if (sent.stack !== undefined) error.stack = sent.stack
  return error
}
