import { bearerToken, sendJson } from '../http/respond'
import { derivedUuid } from '../http/ids'
import type { RouteContext } from '../http/router'
import { ValidationFailure } from './validation'

export interface Org {
  orgId: string
  userId: string
}

/**
 * H Company's gateway: a missing or unknown key is a 401 `{message}`; each key is its own org.
 * Validation failures inside the handler become FastAPI's 422 `{detail: [...]}`.
 */
export function hcompanyAuth(keys: ReadonlySet<string>, before?: () => Promise<void>) {
  return (handler: (context: RouteContext, org: Org) => Promise<void>) => async (context: RouteContext) => {
    const key = bearerToken(context.request)
    if (key === undefined) return sendJson(context.response, 401, { message: 'Not authenticated' })
    if (!keys.has(key)) return sendJson(context.response, 401, { message: 'Invalid API key' })
    await before?.()
    try {
      await handler(context, { orgId: derivedUuid('org', key), userId: derivedUuid('user', key) })
    } catch (error) {
      if (error instanceof ValidationFailure) return sendJson(context.response, 422, { detail: error.issues })
      throw error
    }
  }
}
