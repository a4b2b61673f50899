import { PorterError } from '../../../shared/errors'
import type { UpdateState } from '../../../shared/domain/update'
import type { Log } from '../logging/logger'
import { describeCheckFailure, describeDownloadFailure } from './update-failures'

/** The part of electron-updater's AppUpdater this app drives (kept here so services never import electron). */
export interface Updater {
  logger: unknown
  autoDownload: boolean
  autoInstallOnAppQuit: boolean
  on<Args extends never[]>(event: string, listener: (...args: Args) => void): unknown
  checkForUpdates(): Promise<{ downloadPromise?: Promise<unknown> | null } | null>
  quitAndInstall(isSilent?: boolean, isForceRunAfter?: boolean): void
}

export interface Updates {
  state(): UpdateState
  onChange(listener: (state: UpdateState) => void): () => void
  /** One check now; the sentence to show a person who asked for it (Help → Check for updates). */
  check(): Promise<string>
  /** Quits and installs the update that is ready; refused while a transfer runs. */
  restart(): void
  /** Called as the app quits: the update installs now only if no transfer is running. */
  beforeQuit(): void
}

export interface UpdatesOptions {
  /** Absent when updates are off here; `offReason` then says why. */
  updater: Updater | undefined
  offReason?: string
  currentVersion: string
  log: Log
  /** True while a transfer runs: nothing is installed then. */
  busy(): boolean
  everyMs?: number
}

const HOURS = 60 * 60 * 1000

/** The updater's own chatter goes to the log only when asked for (PORTER_LOG_LEVEL=debug). */
function quietLogger(log: Log) {
  const line = (message: unknown) => log.debug(`updater: ${String(message)}`)
  return { info: line, warn: line, error: line, debug: line }
}

/**
 * Checks at start and every few hours, downloads in the background (electron-updater verifies the
 * sha512 the feed publishes, and on Windows the publisher's signature), and installs on the next
 * quit — never while a transfer runs. An unreachable feed is one quiet log line; a download that
 * fails verification is thrown away and said plainly in the window.
 */
export function createUpdates(options: UpdatesOptions): Updates {
  const { updater, log } = options
  let state: UpdateState = updater === undefined ? { status: 'off', message: options.offReason ?? 'Updates are off.' } : { status: 'idle' }
  let lastCheckFailure: string | undefined
  const listeners = new Set<(state: UpdateState) => void>()
  const set = (next: UpdateState) => {
    state = next
    for (const listener of listeners) listener(state)
  }

  if (updater !== undefined) {
    updater.logger = quietLogger(log)
    updater.autoDownload = true
    updater.autoInstallOnAppQuit = true
    updater.on('checking-for-update', () => {
      lastCheckFailure = undefined
      if (state.status !== 'ready' && state.status !== 'downloading') set({ status: 'checking' })
    })
    updater.on('update-not-available', () => set({ status: 'idle' }))
    updater.on('update-available', (info: { version: string }) => {
      log.info(`Update ${info.version} found; downloading it in the background.`)
      set({ status: 'downloading', version: info.version, percent: 0 })
    })
    updater.on('download-progress', (progress: { percent: number }) => {
      const percent = Math.floor(progress.percent)
      if (state.status === 'downloading' && percent !== state.percent) set({ ...state, percent })
    })
    updater.on('update-downloaded', (event: { version: string }) => {
      log.info(`Update ${event.version} downloaded and verified; it installs when Profile Porter quits.`)
      set({ status: 'ready', version: event.version })
    })
    updater.on('error', (error: Error) => {
      if (state.status === 'downloading') {
        const message = describeDownloadFailure(error)
        log.warn(`Update ${state.version ?? ''} was thrown away: ${message}`, error)
        set({ status: 'failed', ...(state.version === undefined ? {} : { version: state.version }), message })
        return
      }
      const failure = describeCheckFailure(error)
      lastCheckFailure = failure.sentence
      // No feed in this build: there is nothing to check, now or later.
      if (failure.noFeed) set({ status: 'off', message: failure.sentence })
      else if (state.status === 'checking') set({ status: 'idle' })
      log.info(`Update check: ${failure.logLine}`)
    })
  }

  async function checkOnce(): Promise<void> {
    if (updater === undefined || state.status === 'off' || state.status === 'ready' || state.status === 'downloading') return
    try {
      const result = await updater.checkForUpdates()
      // The download's own failure arrives as the 'error' event; its promise must not go unhandled.
      await result?.downloadPromise?.catch(() => undefined)
    } catch {
      // Said by the 'error' listener.
    }
  }

  if (updater !== undefined) {
    void checkOnce()
    setInterval(() => void checkOnce(), options.everyMs ?? 4 * HOURS).unref()
  }

  return {
    state: () => state,
    onChange(listener) {
      listeners.add(listener)
      return () => void listeners.delete(listener)
    },
    async check() {
      await checkOnce()
      if (state.status === 'off' || state.status === 'failed') return state.message ?? 'Updates are off.'
      if (state.status === 'ready')
        return `Version ${state.version ?? ''} is ready. It installs when you quit Profile Porter, or restart now.`
      if (state.status === 'downloading') return `Version ${state.version ?? ''} is downloading in the background.`
      return lastCheckFailure ?? `Profile Porter ${options.currentVersion} is up to date.`
    },
    restart() {
      if (updater === undefined || state.status !== 'ready') {
        throw new PorterError({ code: 'conflict', message: 'There is no update ready to install.' })
      }
      if (options.busy()) {
        throw new PorterError({
          code: 'conflict',
          message: 'A transfer is running, so Profile Porter cannot restart now.',
          action: 'Restart when it has finished; the update also installs the next time you quit.'
        })
      }
      log.info(`Restarting to install update ${state.version ?? ''}.`)
      updater.quitAndInstall(true, true)
    },
    beforeQuit() {
      if (updater === undefined || state.status !== 'ready') return
      const running = options.busy()
      updater.autoInstallOnAppQuit = !running
      log.info(
        running
          ? `Update ${state.version ?? ''} waits: a transfer is still running.`
          : `Installing update ${state.version ?? ''} as Profile Porter quits.`
      )
    }
  }
}
