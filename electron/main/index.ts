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
import { openAppLog } from './app-log'
import { handleFatalErrors } from './fatal-errors'
import { helpActions } from './help-actions'
import { desktopUpdates } from './updates'

const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL']
const trustedWebContents = new Set<number>()
let services: PorterServices | undefined
const log = openAppLog(devServerUrl !== undefined)
/** Set once the person has agreed to stop running transfers, so quitting goes through. */
let quitting = false

/** No window means nothing to show a problem in: say it in the OS's own dialog, then quit. */
function failToStart(error: unknown): void {
  log.error('Profile Porter could not start:', error)
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
    onLoadFailed: (description) => failToStart(new Error(`the window could not load (${description})`)),
    size: services?.settings.read().preferences.window,
    onPageGone: (reason, exitCode) =>
      log.warn(`The window's page stopped (${reason}, exit code ${exitCode}); reloading it. Transfers carry on.`)
  })
  window.on('close', (event) => {
    rememberSize(window)
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

/** The size the window opens at next time. */
function rememberSize(window: BrowserWindow): void {
  const { width, height } = window.getNormalBounds()
  try {
    services?.settings.write('preferences', { window: { width, height, maximized: window.isMaximized() } })
  } catch (error) {
    log.warn('The window size could not be saved:', error)
  }
}

async function start(): Promise<void> {
  applySecurityGuards(devServerUrl)
  serveRenderer(join(__dirname, '../renderer'))
  const facts = {
    platform: currentPlatform(),
    // PORTER_HOME: the home scanned for browsers, as in the CLI (a test or support session points it anywhere).
    home: process.env['PORTER_HOME'] || app.getPath('home'),
    env: process.env,
    dataDir: app.getPath('userData'),
    tempRoot: app.getPath('temp'),
    now: () => new Date()
  }
  log.info(`Profile Porter ${app.getVersion()} starting (Electron ${process.versions.electron ?? '?'}, ${facts.platform} ${process.arch}).`)
  const shell = await electronShellAdapters(facts.dataDir, facts.platform)
  const running = () => services?.transfers.list().some((job) => job.status === 'running') ?? false
  const updates = await desktopUpdates(log, running)
  services = createServices(facts, { ...shell, log, updates }, { version: app.getVersion(), shell: 'electron' })
  await recoverInterruptedRuns(services)
  registerIpc(createPorterApi(services), trustedWebContents, devServerUrl, log)
  const broadcast = broadcastEvents(trustedWebContents)
  services.transfers.observe(broadcast)
  services.checks.observe(broadcast)
  updates.onChange((state) => broadcast('app:updateChanged', state))
  installAppMenu(
    process.platform === 'darwin',
    devServerUrl !== undefined,
    helpActions(() => services)
  )
  showTransfersOnDesktop(services.transfers)
  openWindow()
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) openWindow()
  })
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  handleFatalErrors(log, () => services)
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
  // The last moment before quitting: a downloaded update installs now, unless a transfer still runs.
  app.on('will-quit', () => services?.updates.beforeQuit())
  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
  app.whenReady().then(start).catch(failToStart)
}
