import type {
  EventChannel,
  EventPayload,
  InvokeChannel,
  InvokeInput,
  InvokeOutput
} from '../../../shared/ipc/contract'

/** What a handler knows about its caller: events it emits go back to that window only. */
export interface CallContext {
  emit<E extends EventChannel>(event: E, payload: EventPayload<E>): void
}

export type Handlers = {
  [C in InvokeChannel]: (input: InvokeInput<C>, context: CallContext) => Promise<InvokeOutput<C>>
}
