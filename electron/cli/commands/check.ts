import { createInterface } from 'node:readline/promises'
import type { CloudCheck } from '../../../shared/domain/check'
import { checkSummary, noSiteOffered } from '../../../shared/domain/check-summary'
import { PorterError } from '../../../shared/errors'
import { stateWords } from '../../services/check/messages'
import { sitesToCheck } from '../../services/check/site-address'
import type { CliContext } from '../cli-context'
import { call } from '../call'
import { shown, table, type Output } from '../output'
import { UsageError } from '../usage'
import { checkDocument } from './check-document'

export interface CheckArgs {
  id?: string
  connection?: string
  sites: string[]
  yes: boolean
  timeout?: string
  interactive: boolean
}

const predictedWords = { signed_in: 'signed in', signed_out: 'signed out', unknown: '—' }

/** Says each site's line on stderr as it changes: opening, then its state. */
function liveLines(stderr: NodeJS.WritableStream): (check: CloudCheck) => void {
  const said = new Map<string, string>()
  return (check) => {
    for (const site of check.sites) {
      const line = site.state === undefined ? (site.progress === 'opening' ? 'opening…' : '') : stateWords[site.state]
      if (line === '' || said.get(site.url) === line) continue
      said.set(site.url, line)
      stderr.write(`  ${shown(site.site)}: ${line}\n`)
    }
  }
}

async function consent(args: CheckArgs, plan: { cost: string[]; readOnly: string; warnings: string[] }, serviceName: string) {
  for (const line of [...plan.cost, plan.readOnly, ...plan.warnings]) process.stderr.write(`${line}\n`)
  if (args.yes) return
  if (!args.interactive) throw new UsageError(`A check uses your ${serviceName} credits: add --yes to start it without being asked.`)
  const prompt = createInterface({ input: process.stdin, output: process.stderr })
  const answer = await prompt.question('Start the check? [y/N] ')
  prompt.close()
  if (!/^y(es)?$/i.test(answer.trim())) throw new PorterError({ code: 'cancelled', message: 'Nothing was started.' })
}

function timeoutSeconds(value: string | undefined): number | undefined {
  if (value === undefined) return undefined
  const seconds = Number(value)
  if (!Number.isInteger(seconds) || seconds < 30 || seconds > 900)
    throw new UsageError(`--timeout takes whole seconds from 30 to 900, not “${shown(value)}”.`)
  return seconds
}

/**
 * `porter check <id>`: one session at the service, the chosen sites opened there, a line per site.
 * Exit 0 when every site is signed in, 3 when the check ran and some are not, 1 when it could not run.
 */
export async function checkCommand(context: CliContext, out: Output, args: CheckArgs): Promise<void> {
  if (args.id === undefined) throw new UsageError('Say which profile to check, by id (see porter list).')
  const timeout = timeoutSeconds(args.timeout)
  const connection = await context.connection(args.connection)
  // Named sites are checked before anything is said about cost: a mistake is answered at once.
  sitesToCheck(args.sites)
  const plan = await call(context.api, 'checks:plan', {
    connectionId: connection.id,
    profileId: args.id,
    ...(args.sites.length === 0 ? {} : { sites: args.sites })
  })
  if (!plan.available) throw new PorterError({ code: 'invalid_input', message: plan.unavailable ?? 'There is no cloud browser here.' })
  const sites = plan.sites.map((site) => site.site)
  if (sites.length === 0) throw new UsageError(`${noSiteOffered(plan.receipt)}: name them with --site SITE.`)
  if (plan.blocked !== undefined) throw new PorterError(plan.blocked)
  await consent(args, plan, plan.serviceName)
  const runner = context.services.checks
  const show = liveLines(process.stderr)
  let saidLive = false
  const started = await call(
    context.api,
    'checks:start',
    { connectionId: connection.id, profileId: args.id, sites, ...(timeout === undefined ? {} : { timeoutSeconds: timeout }) },
    (event, payload) => {
      if (event !== 'checks:updated') return
      const check = payload as CloudCheck
      show(check)
      const live = runner.liveViewUrl(check.id)
      if (!saidLive && live !== undefined && !out.json) {
        saidLive = true
        process.stderr.write(`Watch live: ${live}\n`)
      }
    }
  )
  const interrupt = () => {
    process.stderr.write('\nStopping the check and ending its session…\n')
    runner.stop(started.id)
  }
  process.once('SIGINT', interrupt)
  process.once('SIGTERM', interrupt)
  let check: CloudCheck
  try {
    check = await runner.whenSettled(started.id)
  } finally {
    process.off('SIGINT', interrupt)
    process.off('SIGTERM', interrupt)
  }
  if (out.json) out.document(checkDocument(check))
  else printCheck(out, check)
  if (check.status === 'cancelled') throw new PorterError({ code: 'cancelled', message: 'Check stopped. The cloud session was ended.' })
  if (check.status === 'failed' && check.error !== undefined) throw new PorterError(check.error)
  const { signedIn, total } = checkSummary(check)
  process.exitCode = signedIn === total ? 0 : 3
}

function printCheck(out: Output, check: CloudCheck): void {
  out.print(
    table(
      ['SITE', 'STATE', 'FINAL ADDRESS', 'TITLE', 'PREDICTED'],
      check.sites.map((site) => [
        site.site,
        stateWords[site.state ?? 'not_checked'],
        site.finalUrl ?? '—',
        site.title ?? '—',
        predictedWords[site.predicted]
      ])
    )
  )
  const { signedIn, total } = checkSummary(check)
  out.print(`\n${signedIn} of ${total} signed in at ${check.connection.name}.`)
  for (const site of check.sites) if (site.note !== undefined) out.print(`- ${site.note}`)
  for (const note of check.notes) out.print(note)
  const proof = check.readOnly
  if (proof !== undefined) {
    const facts = (side: typeof proof.before | undefined) =>
      [side?.checksum?.slice(0, 12), side?.sizeBytes === undefined ? undefined : `${side.sizeBytes} bytes`].filter(Boolean).join(', ')
    out.print(
      `${proof.explanation} Before: ${facts(proof.before) || '—'}; after: ${facts(proof.after) || '—'}${proof.unchanged === undefined ? '' : proof.unchanged ? ' (unchanged).' : ' (CHANGED).'}`
    )
  }
  const usage = check.usage
  const used = [
    usage?.tokens === undefined ? undefined : `${usage.tokens} tokens`,
    usage?.usd === undefined ? undefined : `$${usage.usd.toFixed(4)}`
  ].filter(Boolean)
  if (used.length > 0 || check.session.seconds !== undefined)
    out.print(
      `Session: ${check.session.seconds ?? '?'} s${used.length > 0 ? `, ${used.join(', ')}` : ''}${usage?.balance === undefined ? '' : `; balance before: $${usage.balance.toFixed(2)}`}.`
    )
}
