import { PorterError } from '../../../shared/errors'
import { siteOf } from '../sites/site-of'

export interface SiteToCheck {
  /** As the person named it. */
  site: string
  url: string
}

function refused(text: string, message: string): PorterError {
  return new PorterError({ code: 'invalid_input', field: 'sites', message: `${text.slice(0, 200)}: ${message}` })
}

/**
 * A site to check from what the person typed: a site name opens at `https://<name>/`, a full
 * http(s) address as it is. Names only this computer knows are refused: the cloud browser cannot reach them.
 */
export function siteToCheck(text: string): SiteToCheck {
  const input = text.trim()
  const isAddress = /^[a-z][a-z0-9+.-]*:\/\//i.test(input)
  let url: URL
  try {
    url = new URL(isAddress ? input : `https://${input}/`)
  } catch {
    throw refused(input, 'not a site name or a web address.')
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw refused(input, 'only web addresses (https://…) can be checked.')
  if (url.username !== '' || url.password !== '') throw refused(input, 'an address with a user name or password is never sent.')
  if (!isAddress && (url.pathname !== '/' || url.port !== '' || url.search !== ''))
    throw refused(input, 'not a site name; give a full address instead.')
  if (!siteOf(url.hostname).public) throw refused(input, 'a name only this computer knows; the cloud browser cannot reach it.')
  return { site: isAddress ? url.href : url.hostname, url: url.href }
}

/** The sites to check, each once, in the order given. */
export function sitesToCheck(texts: string[]): SiteToCheck[] {
  const seen = new Set<string>()
  return texts.map(siteToCheck).filter((site) => !seen.has(site.url) && seen.add(site.url) !== undefined)
}
