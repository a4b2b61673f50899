import type { AppInfo } from '../../shared/domain/app'
import type { PorterServices } from './api/create-porter-api'
import { sweepWorkDirs } from './archive/work-dir'
import { processAlive } from './browsers/running'
import { createConnectionsService } from './settings/connections-service'

/** OS facts every service may need, passed in so tests and the CLI can point them anywhere. */
export interface OsFacts {
  platform: AppInfo['platform']
  home: string
  env: NodeJS.ProcessEnv
  dataDir: string
  /** Where private work folders (staging, archives) are made; swept of crash leftovers at start. */
  tempRoot: string
  now: () => Date
}

/** Removes work folders a crashed run left behind; they may hold a copy of someone's logins. */
export function sweepLeftovers(facts: OsFacts): Promise<string[]> {
  return sweepWorkDirs(facts.tempRoot, processAlive)
}

export function createServices(facts: OsFacts, app: Pick<AppInfo, 'version' | 'shell'>): PorterServices {
  return {
    appInfo: { name: 'Profile Porter', version: app.version, platform: facts.platform, shell: app.shell },
    connections: createConnectionsService({ dataDir: facts.dataDir })
  }
}
