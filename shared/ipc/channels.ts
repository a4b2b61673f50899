/**
 * Channel names alone, free of schemas, so the sandboxed preload can build `window.porter`
 * without bundling zod. `contract.ts` must give every name here a schema, and no other.
 */
export const invokeChannels = [
  'app:getInfo',
  'app:takeNotices',
  'connections:list',
  'connections:add',
  'connections:update',
  'connections:remove',
  'connections:test',
  'profiles:list',
  'profiles:createEmpty',
  'profiles:delete',
  'profiles:setDefault',
  'profiles:updateLabels',
  'browsers:detect',
  'browsers:measure',
  'browsers:preflight',
  'browsers:sites',
  'browsers:readLive',
  'browsers:readCookieFile',
  'transfers:startImport',
  'transfers:startDownload',
  'transfers:startRefresh',
  'refresh:preview',
  'receipts:list',
  'receipts:export',
  'transfers:list',
  'transfers:cancel',
  'transfers:retry',
  'transfers:clear',
  'transfers:showInFolder',
  'checks:plan',
  'checks:start',
  'checks:stop',
  'checks:watchLive',
  'checks:list'
] as const

export const eventChannels = ['transfers:progress', 'transfers:updated', 'checks:updated'] as const

export type InvokeChannel = (typeof invokeChannels)[number]
export type EventChannel = (typeof eventChannels)[number]

export function isInvokeChannel(value: unknown): value is InvokeChannel {
  return typeof value === 'string' && (invokeChannels as readonly string[]).includes(value)
}
