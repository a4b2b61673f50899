import { PorterError } from '../../../shared/errors'
import { ConnectionName, ServiceUrl } from '../../../shared/domain/requests'
import type { NewConnection } from '../../services/settings/connections-service'
import type { CliContext } from '../cli-context'
import { table, type Output } from '../output'
import { UsageError } from '../usage'

export interface ConnectionArgs {
  action?: string
  target?: string
  kind?: string
  name?: string
  url?: string
  keyEnv?: string
  /** Add without testing the key first (`--no-test`): for a service not reachable from here yet. */
  noTest?: boolean
}

function valid<T>(
  schema: { safeParse(value: unknown): { success: true; data: T } | { success: false; error: { issues: Array<{ message: string }> } } },
  value: unknown,
  option: string
): T {
  const parsed = schema.safeParse(value)
  if (!parsed.success) throw new UsageError(`${option}: ${parsed.error.issues[0]?.message ?? 'not valid'}`)
  return parsed.data
}

export async function connectionsCommand(context: CliContext, out: Output, args: ConnectionArgs): Promise<void> {
  const connections = context.services.connections
  switch (args.action ?? 'list') {
    case 'list': {
      const all = await connections.list()
      if (out.json) return out.document(all)
      return out.print(
        table(
          ['NAME', 'KIND', 'ADDRESS', 'KEY'],
          all.map((c) => [c.name, c.kind, c.baseUrl ?? '', c.keyHint ?? ''])
        )
      )
    }
    case 'add': {
      if (args.kind !== 'hcompany' && args.kind !== 'webrun') throw new UsageError('--kind is hcompany or webrun.')
      if (args.keyEnv === undefined)
        throw new UsageError('Name the environment variable that holds the API key with --key-env (a key is never given as an argument).')
      if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(args.keyEnv))
        throw new UsageError('--key-env takes the name of an environment variable, like PORTER_HCOMPANY_KEY.')
      if (process.env[args.keyEnv] === undefined) {
        throw new PorterError({
          code: 'invalid_input',
          message: `${args.keyEnv} is not set.`,
          action: `Set ${args.keyEnv} to the API key, then run this again.`
        })
      }
      const draft: NewConnection = {
        kind: args.kind,
        name: valid(ConnectionName, args.name, '--name'),
        baseUrl: valid(ServiceUrl, args.url, '--url'),
        keyEnv: args.keyEnv
      }
      // Tested first, as the window does: a key that fails is not saved unless asked for.
      const tested = args.noTest === true ? undefined : await connections.test(draft)
      if (tested?.ok === false)
        throw new PorterError({
          code: 'invalid_input',
          message: tested.message,
          action: 'To add it without testing, run this again with --no-test.'
        })
      const added = await connections.add(draft)
      if (out.json) return out.document(added)
      return out.print(
        `Added “${added.name}”${tested === undefined ? ' without testing it' : ` (${tested.message.replace(/^Connected\. /, 'connected, ').replace(/\.$/, '')})`}; its key is read from ${args.keyEnv}.`
      )
    }
    case 'remove': {
      const connection = await context.connection(args.target)
      await connections.remove(connection.id)
      return out.json ? out.document({ removed: connection.name }) : out.print(`Removed “${connection.name}”.`)
    }
    case 'test': {
      const connection = await context.connection(args.target)
      const result = await connections.test({ id: connection.id })
      if (out.json) return out.document(result)
      out.print(result.message)
      if (!result.ok) process.exitCode = 1
      return
    }
    default:
      throw new UsageError(`Unknown connections action “${args.action}”: use list, add, remove or test.`)
  }
}
