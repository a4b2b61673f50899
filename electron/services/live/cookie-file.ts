import { readFile, stat } from 'node:fs/promises'
import { PorterError } from '../../../shared/errors'
import { fromJsonCookies } from './json-cookies'
import { fromNetscapeCookies } from './netscape-cookies'
import type { SuppliedCookie } from './supplied-cookie'

const MAX_BYTES = 50 * 1024 * 1024

function unreadable(detail: string): PorterError {
  return new PorterError({
    code: 'invalid_input',
    message: `This file is not a cookie export Profile Porter can read: ${detail}.`,
    action:
      'Export the cookies again as cookies.txt (Netscape format), as JSON from Cookie-Editor or EditThisCookie, or as a Playwright storageState file.'
  })
}

/**
 * Cookies exported by a browser extension or a tool: Netscape `cookies.txt`, the JSON arrays of
 * Cookie-Editor and EditThisCookie, or Playwright's `storageState`. Told apart by their content.
 */
export async function readCookieFile(path: string): Promise<SuppliedCookie[]> {
  const size = (await stat(path).catch(() => undefined))?.size
  if (size === undefined)
    throw new PorterError({
      code: 'not_found',
      message: `There is no cookie file at ${path}.`,
      action: 'Check the name and the folder, or export the cookies again.'
    })
  if (size > MAX_BYTES) throw unreadable('it is larger than any cookie export (50 MB)')
  const text = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '')
  const trimmed = text.trimStart()
  let cookies: SuppliedCookie[]
  if (trimmed.startsWith('[') || trimmed.startsWith('{')) {
    let parsed: unknown
    try {
      parsed = JSON.parse(trimmed)
    } catch {
      throw unreadable('it looks like JSON but does not parse')
    }
    cookies = fromJsonCookies(parsed)
  } else {
    cookies = fromNetscapeCookies(text)
  }
  if (cookies.length === 0) throw unreadable('it holds no cookies')
  return cookies
}
