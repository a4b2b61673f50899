import { PorterError } from '../../../shared/errors'
import { sentence } from '../../../shared/format'
import { invokeContract, isInvokeChannel } from '../../../shared/ipc/contract'
import type { IpcResult } from '../../../shared/ipc/result'
import { explainUnexpected } from '../app/unexpected-error'
import type { CallContext, Handlers } from './handlers'

export interface DispatchLog {
  error(message: string, error: unknown): void
}

export interface DispatchOptions {
  /**
   * Check each answer against the contract's output schema before it leaves, so a handler that
   * answers out of contract fails as a bug. On everywhere (tests, the CLI, the bridge, `npm run dev`)
   * but in the production build of the app, which only pays for it in time.
   */
  checkAnswers?: boolean
}

const consoleLog: DispatchLog = { error: (message, error) => console.error(message, error) }

function invalidInput(issues: readonly { path: readonly PropertyKey[]; message: string }[]) {
  const first = issues[0]
  const field = first && first.path.length > 0 ? first.path.map(String).join('.') : undefined
  return new PorterError({
    code: 'invalid_input',
    message: `The request was not valid${field === undefined ? '' : ` (${field})`}: ${sentence(first?.message ?? 'unknown problem')}`,
    action: 'Check what you entered and try again.',
    ...(field === undefined ? {} : { field })
  })
}

/**
 * The single door into the services for both Electron IPC and the browser bridge: the payload is
 * treated as unknown, parsed against the contract, and every failure leaves as plain data.
 */
export async function dispatch(
  handlers: Handlers,
  channel: unknown,
  rawInput: unknown,
  context: CallContext,
  log: DispatchLog = consoleLog,
  options: DispatchOptions = {}
): Promise<IpcResult<unknown>> {
  try {
    if (!isInvokeChannel(channel)) {
      throw new PorterError({ code: 'invalid_input', message: 'Unknown request.' })
    }
    const parsed = invokeContract[channel].input.safeParse(rawInput)
    if (!parsed.success) throw invalidInput(parsed.error.issues)
    const handler = handlers[channel] as (input: unknown, context: CallContext) => Promise<unknown>
    const value = await handler(parsed.data, context)
    if (options.checkAnswers !== false) {
      const answer = invokeContract[channel].output.safeParse(value)
      if (!answer.success) throw new Error(`The answer to ${channel} is not what the contract says: ${answer.error.message}`)
    }
    return { ok: true, value }
  } catch (error) {
    if (error instanceof PorterError) return { ok: false, error: error.toData() }
    return { ok: false, error: explainUnexpected(error, (message, cause) => log.error(`${message} (${String(channel)})`, cause)) }
  }
}
