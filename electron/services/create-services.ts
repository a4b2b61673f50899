import type { AppInfo } from '../../shared/domain/app'
import type { PorterServices } from './api/create-porter-api'
import { createConnectionsService } from './settings/connections-service'

/** OS facts every service may need, passed in so tests and the CLI can point them anywhere. */
export interface OsFacts {
  platform: AppInfo['platform']
  home: string
  env: NodeJS.ProcessEnv
  dataDir: string
  now: () => Date
}

export function createServices(facts: OsFacts, app: Pick<AppInfo, 'version' | 'shell'>): PorterServices {
  return {
    appInfo: { name: 'Profile Porter', version: app.version, platform: facts.platform, shell: app.shell },
    connections: createConnectionsService({ dataDir: facts.dataDir })
  }
}
