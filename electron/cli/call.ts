import { PorterError } from '../../shared/errors'
import type { InvokeChannel, InvokeInput, InvokeOutput } from '../../shared/ipc/contract'
import { dispatch } from '../services/api/dispatch'
import type { Handlers } from '../services/api/handlers'

/**
 * The CLI asks the same contract the window asks, through the same dispatcher: the same input
 * checks, the same plain errors.
 */
export async function call<C extends InvokeChannel>(
  api: Handlers,
  channel: C,
  input: InvokeInput<C>,
  emit: (event: string, payload: unknown) => void = () => undefined
): Promise<InvokeOutput<C>> {
  const result = await dispatch(api, channel, input, { emit }, { error: () => undefined })
  if (!result.ok) throw new PorterError(result.error)
  return result.value as InvokeOutput<C>
}
