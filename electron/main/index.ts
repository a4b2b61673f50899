import { join } from 'node:path'
import { app, BrowserWindow, dialog } from 'electron'
import { appId } from '../../electron-builder.json'
import { createPorterApi } from '../services/api/create-porter-api'
import type { PorterServices } from '../services/api/porter-services'
import { recoverInterruptedRuns } from '../services/app/recover'
import { createServices } from '../services/create-services'
import { currentPlatform } from '../services/os/paths'
import { registerAppScheme, serveRenderer } from './app-protocol'
import { installAppMenu } from './app-menu'
import { showTransfersOnDesktop } from './desktop-touches'
import { broadcastEvents, registerIpc } from './ipc'
import { quitQuestion } from './quit-guard'
import { applySecurityGuards } from './security'
import { electronShellAdapters } from './shell-adapters'
import { startupFailureText } from './startup-failure'
import { createSecureWindow } from './window'

const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL']
const trustedWebContents = new Set<number>()
let services: PorterServices | undefined
/** Set once the person has agreed to stop running transfers, so quitting goes through. */
let quitting = false

/** No window means nothing to show a problem in: say it in the OS's own dialog, then quit. */
function failToStart(error: unknown): void {
  console.error('Profile Porter could not start', error)
  dialog.showErrorBox('Profile Porter could not start', startupFailureText(error))
  app.exit(1)
}

/** Asks before transfers are cut short; true when the caller may go on closing. */
async function mayQuit(parent: BrowserWindow | undefined): Promise<boolean> {
  if (quitting || services === undefined) return true
  const question = quitQuestion(services.transfers.list(), services.checks.running().length)
  if (question === undefined) return true
  const options = {
    type: 'warning' as const,
    message: question.message,
    detail: question.detail,
    buttons: question.buttons,
    defaultId: 1,
    cancelId: 1,
    noLink: true
  }
  const { response } = parent === undefined ? await dialog.showMessageBox(options) : await dialog.showMessageBox(parent, options)
  if (response !== 0) return false
  quitting = true
  await services.transfers.cancelAll()
  // Each check ends its session at the service before the app goes.
  await services.checks.stopAll()
  return true
}

function openWindow(): BrowserWindow {
  const window = createSecureWindow({
    preloadPath: join(__dirname, '../preload/index.js'),
    devServerUrl,
    onTrusted: (id) => trustedWebContents.add(id),
    onClosed: (id) => trustedWebContents.delete(id),
    onLoadFailed: (description) => failToStart(new Error(`the window could not load (${description})`))
  })
  window.on('close', (event) => {
    // Closing the last window quits on Windows and Linux; on macOS the app (and its transfers) stays.
    const last = BrowserWindow.getAllWindows().length === 1
    if (
      quitting ||
      process.platform === 'darwin' ||
      !last ||
      services === undefined ||
      quitQuestion(services.transfers.list(), services.checks.running().length) === undefined
    )
      return
    event.preventDefault()
    void mayQuit(window).then((yes) => yes && app.quit())
  })
  return window
}

async function start(): Promise<void> {
  applySecurityGuards(devServerUrl)
  serveRenderer(join(__dirname, '../renderer'))
  const facts = {
    platform: currentPlatform(),
    home: app.getPath('home'),
    env: process.env,
    dataDir: app.getPath('userData'),
    tempRoot: app.getPath('temp'),
    now: () => new Date()
  }
  const shell = await electronShellAdapters(facts.dataDir, facts.platform)
  services = createServices(facts, shell, { version: app.getVersion(), shell: 'electron' })
  await recoverInterruptedRuns(services)
  registerIpc(createPorterApi(services), trustedWebContents, devServerUrl)
  services.transfers.observe(broadcastEvents(trustedWebContents))
  services.checks.observe(broadcastEvents(trustedWebContents))
  installAppMenu(process.platform === 'darwin', devServerUrl !== undefined)
  showTransfersOnDesktop(services.transfers)
  openWindow()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow()
  })
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  registerAppScheme()
  // Notifications and taskbar progress on Windows belong to the installed app, not to "Electron".
  if (process.platform === 'win32') app.setAppUserModelId(appId)
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows()
    if (window === undefined) {
      if (services !== undefined) openWindow()
      return
    }
    if (window.isMinimized()) window.restore()
    window.focus()
  })
  app.on('before-quit', (event) => {
    if (quitting || services === undefined || quitQuestion(services.transfers.list(), services.checks.running().length) === undefined)
      return
    event.preventDefault()
    void mayQuit(BrowserWindow.getFocusedWindow() ?? undefined).then((yes) => yes && app.quit())
  })
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.whenReady().then(start).catch(failToStart)
}
