import { summarise } from '../../services/portability/portability-report'
import { downloadJob } from '../../services/transfers/download-job'
import type { CliContext } from '../cli-context'
import { call } from '../call'
import { outTarget } from '../out-target'
import { shown, type Output } from '../output'
import { runJob, type ProgressPrinter } from '../run-job'
import { checkChosenSites, type PackChoice } from '../site-options'
import { UsageError } from '../usage'
import { suppliedSignIns } from '../supplied-sign-ins'
import { settle } from './settle'

function labelsFrom(pairs: string[]): Record<string, string> {
  const labels: Record<string, string> = {}
  for (const pair of pairs) {
    const at = pair.indexOf('=')
    if (at <= 0) throw new UsageError(`--label takes key=value, not “${pair}”.`)
    labels[pair.slice(0, at)] = pair.slice(at + 1)
  }
  return labels
}

export async function importCommand(
  context: CliContext,
  out: Output,
  printer: ProgressPrinter,
  args: {
    ref?: string
    connection?: string
    name?: string
    description?: string
    labels: string[]
    pack: () => PackChoice
    live: boolean
    cookies?: string
    allowSignedOut: boolean
  }
): Promise<void> {
  if (args.ref === undefined) throw new UsageError('Say which browser profile to import, e.g. porter import chrome:Default --name Work.')
  if (args.name === undefined) throw new UsageError('Name the profile with --name.')
  const pack = args.pack()
  const labels = args.labels.length === 0 ? undefined : labelsFrom(args.labels)
  await context.profile(args.ref)
  await checkChosenSites(context, args.ref, pack.choice)
  const connection = await context.connection(args.connection)
  const keepsLabels = (await context.services.connections.serviceFor(connection.id)).capabilities.hasLabels
  if (labels !== undefined && !keepsLabels) process.stderr.write(`${shown(connection.name)} keeps no labels: --label is left out.\n`)
  const supplied = await suppliedSignIns(context, args.ref, args)
  const input = {
    connectionId: connection.id,
    ref: args.ref,
    name: args.name,
    ...(args.description === undefined ? {} : { description: args.description }),
    ...(labels === undefined || !keepsLabels ? {} : { labels }),
    ...pack,
    ...(supplied === undefined ? {} : { supplied }),
    // A script never uploads a profile that would arrive signed out everywhere unless it says so.
    ...(args.allowSignedOut ? {} : { requireSignIns: true })
  }
  const job = settle(await runJob(context.services.transfers, (emit) => call(context.api, 'transfers:startImport', input, emit), printer))
  if (out.json) return out.document(job)
  out.print(`Imported “${shown(args.name)}” into ${shown(connection.name)} (${job.profileId}).`)
  if (job.portability !== undefined) out.print(summarise(job.portability, connection.kind === 'local'))
}

export async function downloadCommand(
  context: CliContext,
  out: Output,
  printer: ProgressPrinter,
  args: { id?: string; out?: string; connection?: string; force: boolean }
): Promise<void> {
  if (args.id === undefined) throw new UsageError('Say which profile to download, by id (see porter list).')
  if (args.out === undefined) throw new UsageError('Say where to save it with --out FILE.')
  const connection = await context.connection(args.connection)
  const service = await context.services.connections.serviceFor(connection.id)
  if (!service.capabilities.canDownload) throw new UsageError(`${shown(connection.name)} does not offer downloads of its profiles.`)
  const format = service.capabilities.archiveFormat
  const target = await outTarget(args.out, {
    endings: {
      wanted: format === 'zip' ? ['.zip'] : ['.tar.gz', '.tgz'],
      why: `${shown(connection.name)} profiles are ${format === 'zip' ? 'zip' : 'tar.gz'} archives`
    },
    replace: args.force
  })
  const profile = await service.get(args.id)
  const spec = downloadJob(
    { connectionId: connection.id, profileId: profile.id, profileName: profile.name, targetFile: target },
    // Journaled: a download killed half-way leaves its part in the work folder, removed by the next run.
    { service, journal: context.services.journal }
  )
  const job = settle(await runJob(context.services.transfers, async (emit) => context.services.transfers.start(spec, emit), printer))
  if (out.json) out.document(job)
  else out.print(`Saved “${shown(profile.name)}” to ${job.targetFile}.`)
}
