import type { IncludeOptions, SiteChoice } from '../../shared/domain/sites'
import { UsageError } from './usage'

export interface PackChoice {
  choice: SiteChoice
  include: IncludeOptions
}

const INCLUDABLE = ['history', 'bookmarks', 'autofill', 'passwords'] as const

/**
 * What travels, from `--site` (repeatable), `--all-sites` and `--include`. Choosing is required:
 * a script that forgets to say which sites must not send a whole profile by default.
 */
export function packChoiceFrom(args: { sites: string[]; allSites: boolean; include: string[] }): PackChoice {
  if (args.allSites && args.sites.length > 0) throw new UsageError('Use either --site or --all-sites, not both.')
  if (!args.allSites && args.sites.length === 0) {
    throw new UsageError('Say which sites travel with --site example.com (repeatable), or send everything with --all-sites. porter sites <ref> lists them.')
  }
  const include: IncludeOptions = {}
  for (const item of args.include.flatMap((value) => value.split(','))) {
    const name = item.trim().toLowerCase()
    if (name === '') continue
    if (!(INCLUDABLE as readonly string[]).includes(name)) throw new UsageError(`--include takes ${INCLUDABLE.join(', ')}; not “${item.trim()}”.`)
    include[name as (typeof INCLUDABLE)[number]] = true
  }
  const choice: SiteChoice = args.allSites ? { mode: 'everything' } : { mode: 'sites', sites: args.sites.map((site) => site.trim().toLowerCase()) }
  return { choice, include }
}
