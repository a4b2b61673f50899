import { formatBytes } from '../../../shared/format'
import type { CliContext } from '../cli-context'
import { call } from '../call'
import { table, type Output } from '../output'
import { UsageError } from '../usage'
import { textOrder } from '../../../shared/text-order'

/** The sites a profile holds, as the window's picker shows them: what `--site` can name. */
export async function sitesCommand(context: CliContext, out: Output, ref: string | undefined): Promise<void> {
  if (ref === undefined) throw new UsageError('Say which profile, e.g. porter sites chrome:Default.')
  await context.profile(ref)
  const sites = await call(context.api, 'browsers:sites', { ref })
  if (out.json) return out.document(sites)
  if (sites.length === 0) return out.print('This profile holds no cookies, saved logins or site data yet.')
  out.print(
    table(
      ['HOST', 'SITE', 'COOKIES', 'SIGNED IN', 'LAST VISIT', 'STORAGE', 'NOTE'],
      [...sites]
        .sort((a, b) => textOrder(a.site, b.site) || textOrder(a.host, b.host))
        .map((row) => [
          row.host,
          row.site,
          String(row.cookies),
          row.signedIn ? 'yes' : '',
          row.lastVisit?.slice(0, 10) ?? '',
          row.storageBytes > 0 ? formatBytes(row.storageBytes) : '',
          !row.public ? 'only this computer: never sent with --site' : (row.category?.reason ?? row.deviceBound ?? '')
        ])
    )
  )
  out.print(
    "\nSend some with porter import <ref> --site HOST (repeatable; --site '*.SITE' for every host of a site), or all with --all-sites."
  )
}
