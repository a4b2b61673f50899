import { join } from 'node:path'
import { app } from 'electron'
import { createLog, logLevelFrom, type Log } from '../services/logging/logger'

/**
 * The app's log where each OS keeps an app's logs (Electron's `logs` path: ~/Library/Logs/Profile
 * Porter on macOS, the logs folder beside the app's data on Windows and Linux), rotated at 1 MB.
 */
export function openAppLog(development: boolean): Log {
  let folder: string
  try {
    folder = app.getPath('logs')
  } catch {
    folder = join(app.getPath('userData'), 'logs')
  }
  return createLog({
    file: join(folder, 'main.log'),
    level: logLevelFrom(process.env),
    console: development ? 'warn' : false
  })
}
