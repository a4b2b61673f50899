/**
 * Channel names alone, free of schemas, so the sandboxed preload can build `window.porter`
 * without bundling zod. `contract.ts` must give every name here a schema, and no other.
 */
export const invokeChannels = ['app:getInfo', 'connections:list'] as const

export const eventChannels = ['transfers:progress', 'transfers:updated'] as const

export type InvokeChannel = (typeof invokeChannels)[number]
export type EventChannel = (typeof eventChannels)[number]

export function isInvokeChannel(value: unknown): value is InvokeChannel {
  return typeof value === 'string' && (invokeChannels as readonly string[]).includes(value)
}

export function isEventChannel(value: unknown): value is EventChannel {
  return typeof value === 'string' && (eventChannels as readonly string[]).includes(value)
}
