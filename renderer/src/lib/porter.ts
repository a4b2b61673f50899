import { PorterError } from '../../../shared/errors'
import type { PorterApi, PorterClient } from '../../../shared/ipc/api'
import { eventChannels, invokeChannels } from '../../../shared/ipc/channels'
import { listenerName, splitChannel } from '../../../shared/ipc/api'
import type { IpcResult } from '../../../shared/ipc/result'

type Loose = Record<string, Record<string, (...args: unknown[]) => unknown>>

/** The renderer's porter: same methods as `window.porter`, but failures are thrown as PorterError. */
function createPorterClient(api: PorterApi): PorterClient {
  const source = api as unknown as Loose
  const client: Loose = {}
  for (const channel of invokeChannels) {
    const [namespace, member] = splitChannel(channel)
    const call = source[namespace]?.[member]
    client[namespace] ??= {}
    client[namespace][member] = async (input?: unknown) => {
      if (call === undefined) throw new PorterError({ code: 'internal', message: 'Profile Porter is not connected.' })
      const result = (await call(input)) as IpcResult<unknown>
      if (!result.ok) throw new PorterError(result.error)
      return result.value
    }
  }
  for (const event of eventChannels) {
    const [namespace] = splitChannel(event)
    const name = listenerName(event)
    client[namespace] ??= {}
    client[namespace][name] = (listener: unknown) => source[namespace]?.[name]?.(listener)
  }
  return client as unknown as PorterClient
}

export const porter = createPorterClient(window.porter)
