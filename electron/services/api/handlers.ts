import type * as z from 'zod'
import type { EventChannel, EventPayload, InvokeChannel, InvokeOutput, invokeContract } from '../../../shared/ipc/contract'

/** What a handler knows about its caller: events it emits go back to that window only. */
export interface CallContext {
  emit<E extends EventChannel>(event: E, payload: EventPayload<E>): void
}

/** What a handler receives: the input after the contract's schema parsed (and trimmed) it. */
type ParsedInput<C extends InvokeChannel> = z.output<(typeof invokeContract)[C]['input']>

export type Handlers = {
  [C in InvokeChannel]: (input: ParsedInput<C>, context: CallContext) => Promise<InvokeOutput<C>>
}
