import type { SuppliedCookie } from './supplied-cookie'

/**
 * The Netscape `cookies.txt` format that curl, wget and "Get cookies.txt" extensions write: one
 * cookie per line, seven tab-separated fields. Small enough that no library is worth its weight;
 * `#HttpOnly_` marks HttpOnly cookies, other `#` lines are comments.
 */
export function fromNetscapeCookies(text: string): SuppliedCookie[] {
  const cookies: SuppliedCookie[] = []
  for (const raw of text.split(/\r?\n/)) {
    const httpOnly = raw.startsWith('#HttpOnly_')
    const line = httpOnly ? raw.slice('#HttpOnly_'.length) : raw
    if (line.trim() === '' || line.startsWith('#')) continue
    const fields = line.split('\t')
    if (fields.length < 7) continue
    const [domain = '', includeSubdomains, path = '/', secure, expires, name = '', ...rest] = fields
    if (domain === '' || name === '') continue
    const expiry = Number(expires)
    // A host-only cookie is written without the leading dot and FALSE; a domain cookie with both.
    const host = includeSubdomains === 'TRUE' && !domain.startsWith('.') ? `.${domain}` : domain
    cookies.push({
      domain: host,
      name,
      value: rest.join('\t'),
      path,
      ...(Number.isFinite(expiry) && expiry > 0 ? { expires: expiry } : {}),
      secure: secure === 'TRUE',
      httpOnly
    })
  }
  return cookies
}
