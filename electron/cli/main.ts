import { parseArgs } from 'node:util'
import { PorterError } from '../../shared/errors'
import { createCliContext } from './cli-context'
import { archiveCommand } from './commands/archive'
import { browsersCommand } from './commands/browsers'
import { checkCommand } from './commands/check'
import { connectionsCommand } from './commands/connections'
import { inspectCommand } from './commands/inspect'
import { receiptsCommand } from './commands/receipts'
import { refreshCommand } from './commands/refresh'
import { sitesCommand } from './commands/sites'
import { createCommand, deleteCommand, listCommand, repairCommand } from './commands/profiles'
import { downloadCommand, importCommand } from './commands/transfers'
import { createOutput, explain } from './output'
import { inTerminal } from './terminal-words'
import { progressPrinter } from './run-job'
import { packChoiceFrom } from './site-options'
import { optionMistake } from './option-mistake'
import { UsageError, usage } from './usage'
import { recoverInterruptedRuns } from '../services/app/recover'
import { silentLog, type Log } from '../services/logging/logger'

const options = {
  json: { type: 'boolean' },
  service: { type: 'string' },
  out: { type: 'string' },
  format: { type: 'string' },
  site: { type: 'string', multiple: true },
  'all-sites': { type: 'boolean' },
  include: { type: 'string', multiple: true },
  live: { type: 'boolean' },
  cookies: { type: 'string' },
  'allow-signed-out': { type: 'boolean' },
  kind: { type: 'string' },
  name: { type: 'string' },
  url: { type: 'string' },
  'key-env': { type: 'string' },
  'no-test': { type: 'boolean' },
  connection: { type: 'string' },
  description: { type: 'string' },
  label: { type: 'string', multiple: true },
  yes: { type: 'boolean' },
  force: { type: 'boolean' },
  timeout: { type: 'string' },
  help: { type: 'boolean', short: 'h' },
  'log-file': { type: 'string' }
} as const

const OPTIONS: Record<string, string> = {
  name: '--name',
  description: '--description',
  labels: '--label',
  choice: '--site',
  sites: '--site',
  baseUrl: '--url'
}
const optionFor = (field: string) => OPTIONS[field.split('.')[0] ?? ''] ?? field

/** None of the chosen sites' cookies could be read, so nothing was uploaded (unless --allow-signed-out). */
const SIGNED_OUT_EXIT = 3

/** `porter`: the same services as the window, for terminals and scripts. Exit 0 ok, 1 failed, 2 usage, 3 signed out (check: some site not signed in there), 130 cancelled. */
export async function main(argv: string[]): Promise<number> {
  let parsed
  try {
    parsed = parseArgs({ args: argv, options, allowPositionals: true })
  } catch (error) {
    process.stderr.write(`${optionMistake(error as Error, Object.keys(options))}\n\nRun porter --help for usage.\n`)
    return 2
  }
  const { values, positionals } = parsed
  const [command, ...rest] = positionals
  if (values.help === true || command === undefined || command === 'help') {
    process.stdout.write(`${usage}\n`)
    return command === undefined && values.help !== true ? 2 : 0
  }
  const pack = () => packChoiceFrom({ sites: values.site ?? [], allSites: values['all-sites'] === true, include: values.include ?? [] })
  const out = createOutput(values.json === true)
  const interactive = process.stderr.isTTY === true && values.json !== true
  const printer = progressPrinter(interactive)
  let log: Log = silentLog
  try {
    const context = createCliContext(process.env, values['log-file'])
    log = context.services.log
    log.info(`porter ${command} (Profile Porter ${context.services.appInfo.version}, ${context.services.appInfo.platform})`)
    // What an earlier, killed run left behind (temp folders, half-made profiles) goes first; said on stderr.
    await recoverInterruptedRuns(context.services)
    for (const notice of context.services.notices.take())
      process.stderr.write(`${inTerminal([notice.message, notice.action].filter(Boolean).join(' '))}\n`)
    switch (command) {
      case 'browsers':
        await browsersCommand(context, out)
        break
      case 'sites':
        await sitesCommand(context, out, rest[0])
        break
      case 'inspect':
        await inspectCommand(context, out, {
          ref: rest[0],
          service: values.service,
          ...(values.site || values['all-sites'] ? { pack: pack() } : {})
        })
        break
      case 'archive':
        await archiveCommand(context, out, printer, { ref: rest[0], out: values.out, format: values.format, pack })
        break
      case 'connections':
        await connectionsCommand(context, out, {
          action: rest[0],
          target: rest[1],
          kind: values.kind,
          name: values.name,
          url: values.url,
          keyEnv: values['key-env'],
          noTest: values['no-test'] === true
        })
        break
      case 'list':
        await listCommand(context, out, values.connection)
        break
      case 'import':
        await importCommand(context, out, printer, {
          ref: rest[0],
          connection: values.connection,
          name: values.name,
          description: values.description,
          labels: values.label ?? [],
          pack,
          live: values.live === true,
          ...(values.cookies === undefined ? {} : { cookies: values.cookies }),
          allowSignedOut: values['allow-signed-out'] === true
        })
        break
      case 'refresh':
        await refreshCommand(context, out, printer, {
          id: rest[0],
          connection: values.connection,
          allowSignedOut: values['allow-signed-out'] === true
        })
        break
      case 'receipts':
        await receiptsCommand(context, out, { connection: values.connection, id: rest[0] })
        break
      case 'download':
        await downloadCommand(context, out, printer, {
          id: rest[0],
          out: values.out,
          connection: values.connection,
          force: values.force === true
        })
        break
      case 'delete':
        await deleteCommand(context, out, {
          ids: rest,
          connection: values.connection,
          yes: values.yes === true,
          interactive: process.stdin.isTTY === true
        })
        break
      case 'repair':
        await repairCommand(context, out, { id: rest[0], connection: values.connection })
        break
      case 'check':
        await checkCommand(context, out, {
          id: rest[0],
          connection: values.connection,
          sites: values.site ?? [],
          yes: values.yes === true,
          timeout: values.timeout,
          interactive: process.stdin.isTTY === true && process.stderr.isTTY === true
        })
        break
      case 'create':
        await createCommand(context, out, { name: values.name, description: values.description, connection: values.connection })
        break
      default:
        throw new UsageError(`Unknown command “${command}”.`)
    }
    return typeof process.exitCode === 'number' ? process.exitCode : 0
  } catch (error) {
    printer.stop()
    // An expected refusal is its sentence; anything else keeps its stack for whoever reads the log.
    log.warn(`porter ${command} failed:`, error instanceof PorterError ? `${error.code}: ${error.message}` : error)
    if (error instanceof UsageError) {
      process.stderr.write(`${error.message}\n\nRun porter --help for usage.\n`)
      return 2
    }
    // Input the contract refused is a usage mistake too: named by its option, said in one sentence.
    if (error instanceof PorterError && error.field !== undefined) {
      process.stderr.write(`${optionFor(error.field)}: ${error.message.replace(/^The request was not valid \([^)]*\): /, '')}\n`)
      return 2
    }
    process.stderr.write(`${explain(error)}\n`)
    if (error instanceof PorterError && error.code === 'signed_out') {
      process.stderr.write('Use --live or --cookies FILE to bring them, or --allow-signed-out to import it signed out.\n')
      return SIGNED_OUT_EXIT
    }
    return error instanceof PorterError && error.code === 'cancelled' ? 130 : 1
  }
}
