import type { CliContext } from '../cli-context'
import { call } from '../call'
import type { Output } from '../output'
import { runJob, type ProgressPrinter } from '../run-job'
import { UsageError } from '../usage'
import { settle } from './settle'

/** Re-sends a profile from the browser profile it came from, with the same sites; says what changed first. */
export async function refreshCommand(
  context: CliContext,
  out: Output,
  printer: ProgressPrinter,
  args: { id?: string; connection?: string; allowSignedOut: boolean }
): Promise<void> {
  if (args.id === undefined) throw new UsageError('Say which profile to update, by id (see porter list).')
  const connection = await context.connection(args.connection)
  const preview = await call(context.api, 'refresh:preview', { connectionId: connection.id, profileId: args.id })
  if (preview !== null && !out.json) {
    const changes = [
      preview.newer.length > 0 ? `newer sign-ins here: ${preview.newer.join(', ')}` : undefined,
      preview.added.length > 0 ? `new: ${preview.added.join(', ')}` : undefined,
      preview.gone.length > 0 ? `gone: ${preview.gone.join(', ')}` : undefined
    ].filter(Boolean)
    out.print(
      `From ${preview.source.browser} — ${preview.source.profile}, last sent ${preview.lastSentAt.slice(0, 16).replace('T', ' ')}; ${changes.length === 0 ? 'no newer sign-ins' : changes.join('; ')}.`
    )
  }
  const job = settle(
    await runJob(
      context.services.transfers,
      (emit) =>
        call(
          context.api,
          'transfers:startRefresh',
          { connectionId: connection.id, profileId: args.id ?? '', ...(args.allowSignedOut ? {} : { requireSignIns: true }) },
          emit
        ),
      printer
    )
  )
  if (out.json) return out.document(job)
  // Where the service made a new profile, the notes say so with both ids.
  out.print(job.replacedProfileId === undefined ? `Updated ${job.profileId} in ${connection.name}.` : `Updated in ${connection.name}.`)
  for (const note of job.notes ?? []) out.print(note)
}
