import { z } from 'zod'
import { AppInfo } from '../domain/app'
import { Connection } from '../domain/connection'
import { TransferJob, TransferProgress } from '../domain/transfer'
import type { EventChannel, InvokeChannel } from './channels'

export * from './channels'

interface InvokeSpec {
  input: z.ZodType
  output: z.ZodType
}

/**
 * Every request the renderer can make, as `namespace:method`, which becomes
 * `window.porter.namespace.method(input)`. Main parses `input` with the schema before any handler runs.
 */
export const invokeContract = {
  'app:getInfo': { input: z.undefined(), output: AppInfo },
  'connections:list': { input: z.undefined(), output: z.array(Connection) }
} as const satisfies { [C in InvokeChannel]: InvokeSpec }

/** Every event main pushes, as `namespace:event`; the renderer listens with `porter.namespace.onEvent`. */
export const eventContract = {
  'transfers:progress': TransferProgress,
  'transfers:updated': TransferJob
} as const satisfies { [E in EventChannel]: z.ZodType }

export type InvokeInput<C extends InvokeChannel> = z.input<(typeof invokeContract)[C]['input']>
export type InvokeOutput<C extends InvokeChannel> = z.output<(typeof invokeContract)[C]['output']>
export type EventPayload<E extends EventChannel> = z.output<(typeof eventContract)[E]>
