import { formatBytes } from '../../../shared/format'
import type { CliContext } from '../cli-context'
import { call } from '../call'
import { table, type Output } from '../output'

/** What each upload from this computer sent: when, where, which sites, the archive's checksum. */
export async function receiptsCommand(context: CliContext, out: Output, args: { connection?: string; id?: string }): Promise<void> {
  const connection = args.connection === undefined ? undefined : await context.connection(args.connection)
  const receipts = await call(context.api, 'receipts:list', {
    ...(connection ? { connectionId: connection.id } : {}),
    ...(args.id ? { profileId: args.id } : {})
  })
  if (out.json) return out.document(receipts)
  if (receipts.length === 0) return out.print('No uploads from this computer yet.')
  out.print(
    table(
      ['WHEN', 'WHAT', 'WHERE', 'PROFILE', 'SITES', 'SIZE', 'SHA-256'],
      receipts.map((receipt) => [
        receipt.at.slice(0, 16).replace('T', ' '),
        receipt.kind,
        receipt.connection.name,
        receipt.profile.id,
        receipt.choice.mode === 'everything' ? `all (${receipt.sites.length})` : String(receipt.sites.length),
        formatBytes(receipt.archive.bytes),
        receipt.archive.sha256.slice(0, 16)
      ])
    )
  )
}
