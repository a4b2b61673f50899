import type { IncludeOptions, SiteChoice } from './sites'

/**
 * What travels besides site data when nothing more was said: with chosen sites, none of it; with
 * everything (or no choice, as before sites could be chosen), what a whole profile always carried (bookmarks, autofill), still without history
 * and passwords.
 */
export function includedFor(choice: SiteChoice | undefined, include: IncludeOptions = {}, family?: 'chromium' | 'firefox'): IncludeOptions {
  // Firefox keeps history with bookmarks, and logins and form history for every site in single
  // files that are not narrowed to sites: with chosen sites, none of them travels.
  if (family === 'firefox' && choice?.mode === 'sites') return {}
  const defaults: IncludeOptions = choice?.mode === 'sites' ? {} : { bookmarks: true, autofill: true }
  return { ...defaults, ...include }
}
