import type { IncomingMessage } from 'node:http'
import { bearerToken, sendJson } from '../http/respond'
import { derivedObjectId } from '../http/ids'
import type { RouteContext } from '../http/router'
import type { RateLimiter } from './rate-limit'

export const fail = (error: string, code?: string) => ({ success: false, error, ...(code === undefined ? {} : { code }) })

function clientAddress(request: IncomingMessage): string {
  return request.socket.remoteAddress ?? 'unknown'
}

/**
 * WebRun's front door: the server-wide rate limit first (it counts every request), then the
 * Bearer key; each key is its own user. `codes` adds the session API's machine codes to refusals.
 */
export function webrunGuard(keys: ReadonlySet<string>, limiter: RateLimiter, codes = false) {
  return (handler: (context: RouteContext, userId: string) => Promise<void>) => async (context: RouteContext) => {
    const limit = limiter.hit(clientAddress(context.request))
    for (const [name, value] of Object.entries(limit.headers)) context.response.setHeader(name, value)
    if (limit.retryAfter !== undefined) {
      return sendJson(context.response, 429, fail('Too many requests, please try again later.', codes ? 'RATE_LIMIT_EXCEEDED' : undefined))
    }
    const key = bearerToken(context.request)
    if (key === undefined) return sendJson(context.response, 401, fail('API key required', codes ? 'UNAUTHORIZED' : undefined))
    if (!keys.has(key)) return sendJson(context.response, 401, fail('Invalid or revoked API key', codes ? 'INVALID_API_KEY' : undefined))
    await handler(context, derivedObjectId('user', key))
  }
}
