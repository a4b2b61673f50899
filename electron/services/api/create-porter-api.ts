import type { AppInfo } from '../../../shared/domain/app'
import type { Notices } from '../app/notices'
import type { MakePortable } from '../archive/rewrites'
import type { BrowsersService } from '../browsers/browsers-service'
import type { OsFacts, ShellAdapters } from '../create-services'
import type { ConnectionsService } from '../settings/connections-service'
import type { Journal } from '../transfers/journal'
import type { TransferRunner } from '../transfers/transfer-runner'
import { browserHandlers } from './browser-handlers'
import { connectionHandlers } from './connection-handlers'
import type { Handlers } from './handlers'
import { profileHandlers } from './profile-handlers'
import { transferHandlers } from './transfer-handlers'

export interface PorterServices {
  appInfo: AppInfo
  notices: Notices
  facts: OsFacts
  shell: ShellAdapters
  connections: ConnectionsService
  browsers: BrowsersService
  transfers: TransferRunner
  journal: Journal
  /** Makes a staged profile's cookies readable by the cloud's browser. */
  makePortable: MakePortable
}

/** The whole contract in one object, served unchanged by Electron IPC and by the browser bridge. */
export function createPorterApi(services: PorterServices): Handlers {
  return {
    'app:getInfo': async () => services.appInfo,
    'app:takeNotices': async () => services.notices.take(),
    ...connectionHandlers(services),
    ...profileHandlers(services),
    ...browserHandlers(services),
    ...transferHandlers(services)
  }
}
