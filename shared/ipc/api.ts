import type { EventPayload, InvokeInput, InvokeOutput } from './contract'
import { eventChannels, eventSnapshots, invokeChannels, type EventChannel, type InvokeChannel } from './channels'
import type { IpcResult } from './result'

type Namespace<C> = C extends `${infer N}:${string}` ? N : never
type Member<C> = C extends `${string}:${infer M}` ? M : never
type ListenerName<E extends string> = `on${Capitalize<Member<E>>}`

type Method<C extends InvokeChannel, R> =
  undefined extends InvokeInput<C> ? (input?: InvokeInput<C>) => Promise<R> : (input: InvokeInput<C>) => Promise<R>

type NamespaceApi<N extends string, Wrap extends 'result' | 'value'> = {
  [C in InvokeChannel as Namespace<C> extends N ? Member<C> : never]: Method<
    C,
    Wrap extends 'result' ? IpcResult<InvokeOutput<C>> : InvokeOutput<C>
  >
} & {
  [E in EventChannel as Namespace<E> extends N ? ListenerName<E> : never]: (listener: (payload: EventPayload<E>) => void) => () => void
}

type AllNamespaces = Namespace<InvokeChannel> | Namespace<EventChannel>

/** `window.porter`: results come back as data so typed errors survive the bridge. */
export type PorterApi = { [N in AllNamespaces]: NamespaceApi<N, 'result'> }

/** The renderer's view of the same API, with errors thrown as `PorterError`. */
export type PorterClient = { [N in AllNamespaces]: NamespaceApi<N, 'value'> }

/** How a shell moves calls and events; the preload and the browser bridge each provide one. */
export interface PorterTransport {
  invoke(channel: InvokeChannel, input: unknown): Promise<IpcResult<unknown>>
  subscribe(event: EventChannel, listener: (payload: unknown) => void): () => void
}

export function splitChannel(channel: string): [namespace: string, member: string] {
  const at = channel.indexOf(':')
  return [channel.slice(0, at), channel.slice(at + 1)]
}

export function listenerName(event: string): string {
  const member = splitChannel(event)[1]
  return `on${member.charAt(0).toUpperCase()}${member.slice(1)}`
}

function namespaceOf(api: Record<string, Record<string, unknown>>, namespace: string) {
  api[namespace] ??= {}
  return api[namespace]
}

/**
 * Live events from now on, and first the current state where the contract has one: what happened
 * before the listener existed is not lost. Main sends the answer and later events in order, so
 * the snapshot is never older than an event delivered before it.
 */
function subscribeWithSnapshot(transport: PorterTransport, event: EventChannel, listener: (payload: unknown) => void): () => void {
  let listening = true
  const unsubscribe = transport.subscribe(event, listener)
  const snapshot = eventSnapshots[event]
  if (snapshot !== undefined) {
    void transport.invoke(snapshot, undefined).then((result) => {
      if (listening && result.ok) for (const item of Array.isArray(result.value) ? result.value : [result.value]) listener(item)
    })
  }
  return () => {
    listening = false
    unsubscribe()
  }
}

/** Builds the named-method API from the contract, so no shell hand-writes a channel name. */
export function buildPorterApi(transport: PorterTransport): PorterApi {
  const api: Record<string, Record<string, unknown>> = {}
  for (const channel of invokeChannels) {
    const [namespace, member] = splitChannel(channel)
    namespaceOf(api, namespace)[member] = (input?: unknown) => transport.invoke(channel, input)
  }
  for (const event of eventChannels) {
    namespaceOf(api, splitChannel(event)[0])[listenerName(event)] = (listener: (payload: unknown) => void) =>
      subscribeWithSnapshot(transport, event, listener)
  }
  return api as PorterApi
}
