import type { PorterServices } from './porter-services'
import { appHandlers } from './app-handlers'
import { browserHandlers } from './browser-handlers'
import { checkHandlers } from './check-handlers'
import { connectionHandlers } from './connection-handlers'
import type { Handlers } from './handlers'
import { liveHandlers } from './live-handlers'
import { profileHandlers } from './profile-handlers'
import { refreshHandlers } from './refresh-handlers'
import { transferHandlers } from './transfer-handlers'

/** The whole contract in one object, served unchanged by Electron IPC and by the browser bridge. */
export function createPorterApi(services: PorterServices): Handlers {
  return {
    'app:getInfo': async () => services.appInfo,
    'app:takeNotices': async () => services.notices.take(),
    ...connectionHandlers(services),
    ...profileHandlers(services),
    ...browserHandlers(services),
    ...transferHandlers(services),
    ...refreshHandlers(services),
    ...liveHandlers(services),
    ...appHandlers(services),
    ...checkHandlers(services)
  }
}
