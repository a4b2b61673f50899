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
  'profiles:repair',
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
  'app:getUpdateState',
  'app:restartToUpdate',
  'app:previewReport',
  'app:saveReport',
  'checks:plan',
  'checks:start',
  'checks:stop',
  'checks:watchLive',
  'checks:list'
] as const

export const eventChannels = ['transfers:progress', 'transfers:updated', 'app:updateChanged', 'app:command', 'checks:updated'] as const

/**
 * Events whose current state a new listener is given first, from this request: a window that
 * subscribes late (start-up, a reload after a crash) sees a transfer that finished meanwhile as
 * finished, and an update that is ready as ready. A request answering a list gives each item.
 */
export const eventSnapshots: Partial<Record<EventChannel, InvokeChannel>> = {
  'transfers:updated': 'transfers:list',
  'app:updateChanged': 'app:getUpdateState'
}

export type InvokeChannel = (typeof invokeChannels)[number]
export type EventChannel = (typeof eventChannels)[number]

export function isInvokeChannel(value: unknown): value is InvokeChannel {
  return typeof value === 'string' && (invokeChannels as readonly string[]).includes(value)
}
