import type { AppInfo } from '../../../shared/domain/app'
import type { ConnectionsService } from '../settings/connections-service'
import type { Handlers } from './handlers'

export interface PorterServices {
  appInfo: AppInfo
  connections: ConnectionsService
}

/** The whole contract in one object, served unchanged by Electron IPC and by the browser bridge. */
export function createPorterApi(services: PorterServices): Handlers {
  return {
    'app:getInfo': async () => services.appInfo,
    'connections:list': async () => services.connections.list()
  }
}
