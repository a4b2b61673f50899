import type { Handlers } from '../../electron/services/api/handlers'
import { invokeChannels } from '../../shared/ipc/channels'

/** The handlers a test does not exercise fail loudly if called. */
export function stubHandlers(partial: Partial<Handlers>): Handlers {
  const unused = Object.fromEntries(
    invokeChannels.map((channel) => [
      channel,
      async () => {
        throw new Error(`${channel} is not used in this test`)
      }
    ])
  )
  return { ...unused, ...partial } as Handlers
}
