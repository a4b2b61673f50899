import { join } from 'node:path'
import { BrowserWindow } from 'electron'
import { APP_ORIGIN } from './guards'

export interface WindowOptions {
  preloadPath: string
  devServerUrl: string | undefined
  onTrusted(webContentsId: number): void
  onClosed(webContentsId: number): void
  /** The renderer itself could not be loaded: there is nothing to show, so the app says why and quits. */
  onLoadFailed(description: string): void
  /** The size the person left the window at last time. */
  size?: { width: number; height: number; maximized: boolean } | undefined
  /** The page's process ended (a crash, killed, out of memory); the window reloads it. */
  onPageGone?(reason: string, exitCode: number): void
}

const MINIMUM_SIZE = { width: 960, height: 640 }

/** The only place a BrowserWindow is made, so every window gets the same locked-down preferences. */
export function createSecureWindow(options: WindowOptions): BrowserWindow {
  const window = new BrowserWindow({
    width: Math.max(options.size?.width ?? 1200, MINIMUM_SIZE.width),
    height: Math.max(options.size?.height ?? 780, MINIMUM_SIZE.height),
    // Below this the table would have to drop its last columns and the wizard to scroll sideways.
    minWidth: MINIMUM_SIZE.width,
    minHeight: MINIMUM_SIZE.height,
    show: false,
    title: 'Profile Porter',
    icon: join(__dirname, '../../resources/icon.png'),
    webPreferences: {
      preload: options.preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      // Middle-click would open links in a new window, bypassing the navigation guards.
      disableBlinkFeatures: 'Auxclick'
    }
  })
  const id = window.webContents.id
  options.onTrusted(id)
  window.on('closed', () => options.onClosed(id))
  window.once('ready-to-show', () => {
    if (options.size?.maximized === true) window.maximize()
    window.show()
  })
  window.webContents.on('did-fail-load', (_event, code, description, _url, isMainFrame) => {
    if (isMainFrame) options.onLoadFailed(`${description} (${code})`)
  })
  // A crashed page is reloaded rather than left blank; transfers run in main and carry on, and the
  // reloaded page is given their current state when it subscribes (shared/ipc/channels.ts).
  window.webContents.on('render-process-gone', (_event, details) => {
    if (details.reason === 'clean-exit' || window.isDestroyed()) return
    options.onPageGone?.(details.reason, details.exitCode)
    window.webContents.reload()
  })
  void window.loadURL(options.devServerUrl ?? `${APP_ORIGIN}/index.html`)
  return window
}
