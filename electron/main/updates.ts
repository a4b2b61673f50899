import { app } from 'electron'
import type { Log } from '../services/logging/logger'
import { currentPlatform } from '../services/os/paths'
import { createUpdates, type Updater, type Updates } from '../services/updates/update-controller'
import { updatePolicy } from '../services/updates/update-policy'

/**
 * electron-updater on the feed electron-builder wrote into the package (resources/app-update.yml,
 * from the `publish` setting at build time), unless IT turned updates off. Loaded only when used:
 * a development build or a managed computer never loads it.
 */
export async function desktopUpdates(log: Log, busy: () => boolean): Promise<Updates> {
  const common = { currentVersion: app.getVersion(), log, busy }
  if (!app.isPackaged) return createUpdates({ ...common, updater: undefined, offReason: 'Updates are checked only in an installed build.' })
  const policy = updatePolicy({ platform: currentPlatform(), env: process.env })
  if (!policy.enabled) {
    log.info(policy.reason)
    return createUpdates({ ...common, updater: undefined, offReason: policy.reason })
  }
  const { autoUpdater } = await import('electron-updater')
  return createUpdates({ ...common, updater: autoUpdater as unknown as Updater })
}
