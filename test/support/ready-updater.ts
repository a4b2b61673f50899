import { EventEmitter } from 'node:events'
import type { Updater } from '../../electron/services/updates/update-controller'

/**
 * The part of electron-updater the app drives, with `version` already downloaded and verified, for
 * tests of the window. electron-updater itself runs against a loopback feed in test/boot/daily.test.ts.
 */
export class ReadyUpdater extends EventEmitter implements Updater {
  logger: unknown = null
  autoDownload = true
  autoInstallOnAppQuit = true
  /** Every quitAndInstall(isSilent, isForceRunAfter) the app asked for. */
  readonly installs: Array<[boolean | undefined, boolean | undefined]> = []

  constructor(private readonly version: string) {
    super()
  }

  async checkForUpdates() {
    this.emit('checking-for-update')
    this.emit('update-available', { version: this.version })
    this.emit('update-downloaded', { version: this.version })
    return { downloadPromise: Promise.resolve() }
  }

  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void {
    this.installs.push([isSilent, isForceRunAfter])
  }
}
