import { PorterError } from '../../../shared/errors'
import type { SuppliedCookie } from './supplied-cookie'

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined)

const SAME_SITE: Record<string, SuppliedCookie['sameSite']> = {
  strict: 'Strict',
  lax: 'Lax',
  none: 'None',
  no_restriction: 'None'
}

/**
 * One cookie from the JSON of Cookie-Editor / EditThisCookie (`expirationDate`, `hostOnly`,
 * `session`, `sameSite: "no_restriction"`) or Playwright's storageState (`expires`, -1 for a
 * session cookie, `sameSite: "Lax"`), whichever fields it has.
 */
function fromJsonCookie(raw: unknown): SuppliedCookie | undefined {
  if (!isObject(raw)) return undefined
  const name = text(raw['name'])
  const value = text(raw['value'])
  const domain = text(raw['domain'])
  if (name === undefined || value === undefined || domain === undefined || domain === '') return undefined
  const hostOnly = raw['hostOnly'] === true
  const host = hostOnly ? domain.replace(/^\./, '') : domain
  const expiry = Number(raw['expirationDate'] ?? raw['expires'])
  const session = raw['session'] === true || !Number.isFinite(expiry) || expiry <= 0
  const sameSite = SAME_SITE[String(raw['sameSite'] ?? '').toLowerCase()]
  return {
    domain: host,
    name,
    value,
    path: text(raw['path']) ?? '/',
    ...(session ? {} : { expires: expiry }),
    secure: raw['secure'] === true,
    httpOnly: raw['httpOnly'] === true,
    ...(sameSite === undefined ? {} : { sameSite })
  }
}

/** An array of cookies, or a storageState document (`{ cookies: [...], origins: [...] }`). */
export function fromJsonCookies(document: unknown): SuppliedCookie[] {
  const list = Array.isArray(document)
    ? document
    : isObject(document) && Array.isArray(document['cookies'])
      ? document['cookies']
      : undefined
  if (list === undefined) {
    throw new PorterError({
      code: 'invalid_input',
      message: 'This JSON file holds no list of cookies.',
      action: 'Export the cookies again from Cookie-Editor, EditThisCookie or Playwright.'
    })
  }
  return list.map(fromJsonCookie).filter((cookie): cookie is SuppliedCookie => cookie !== undefined)
}
