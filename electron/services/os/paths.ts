import { join } from 'node:path'
import type { AppInfo } from '../../../shared/domain/app'

export type Platform = AppInfo['platform']

export function currentPlatform(): Platform {
  return process.platform === 'win32' || process.platform === 'darwin' ? process.platform : 'linux'
}

/**
 * The folder Electron would pick as `userData` for "Profile Porter", so the desktop app, the
 * browser bridge and the CLI share one library. `PORTER_DATA` overrides it.
 */
export function defaultDataDir(platform: Platform, home: string, env: NodeJS.ProcessEnv): string {
  const override = env['PORTER_DATA']
  if (override !== undefined && override !== '') return override
  if (platform === 'win32') return join(env['APPDATA'] ?? join(home, 'AppData', 'Roaming'), 'Profile Porter')
  if (platform === 'darwin') return join(home, 'Library', 'Application Support', 'Profile Porter')
  return join(env['XDG_CONFIG_HOME'] ?? join(home, '.config'), 'Profile Porter')
}
