import type { IncludeOptions, SiteChoice } from '../../shared/domain/sites'
import { cleanHost, siteOf } from '../services/sites/site-of'
import type { CliContext } from './cli-context'
import { call } from './call'
import { shown } from './output'
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
    throw new UsageError(
      'Say which sites travel with --site example.com (repeatable), or send everything with --all-sites. porter sites <ref> lists them.'
    )
  }
  const include: IncludeOptions = {}
  for (const item of args.include.flatMap((value) => value.split(','))) {
    const name = item.trim().toLowerCase()
    if (name === '') continue
    if (!(INCLUDABLE as readonly string[]).includes(name))
      throw new UsageError(`--include takes ${INCLUDABLE.join(', ')}; not “${item.trim()}”.`)
    include[name as (typeof INCLUDABLE)[number]] = true
  }
  const choice: SiteChoice = args.allSites
    ? { mode: 'everything' }
    : { mode: 'sites', sites: args.sites.map((site) => site.trim().toLowerCase()) }
  return { choice, include }
}

/**
 * Sites named on the command line, checked against the profile: a name only this computer knows
 * is refused (it would never travel); one the profile holds nothing for is said on stderr, and so
 * are other hosts of the same site, which a host named alone leaves behind.
 */
export async function checkChosenSites(context: CliContext, ref: string, choice: SiteChoice): Promise<void> {
  if (choice.mode !== 'sites') return
  const rows = await call(context.api, 'browsers:sites', { ref })
  for (const name of choice.sites) {
    const whole = name.startsWith('*.')
    const host = cleanHost(whole ? name.slice(2) : name)
    if (!siteOf(host).public)
      throw new UsageError(
        `${shown(name)} is a name only this computer knows, so it is never sent. Choose a public site (porter sites ${ref} lists them).`
      )
    const below = rows.filter((row) => row.host.endsWith(`.${host}`)).map((row) => row.host)
    const held = rows.some((row) => row.host === host) || (whole && below.length > 0)
    if (!held && below.length === 0) {
      const sameSite = rows.some((row) => row.site === siteOf(host).site)
      process.stderr.write(
        sameSite
          ? `This profile holds nothing of ${shown(host)}'s own: only the cookies its parent domain shares with it will travel.\n`
          : `This profile holds no cookies or data for ${shown(host)}: nothing of it will travel.\n`
      )
    }
    if (!whole && below.length > 0)
      process.stderr.write(
        `--site ${shown(host)} sends that host only (with the cookies it shares with them), not ${below.slice(0, 5).map(shown).join(', ')}${below.length > 5 ? ' …' : ''}: name those too, or use --site '*.${shown(host)}' for all of them.\n`
      )
  }
}
