import { join } from 'node:path'
import { app, BrowserWindow } from 'electron'
import { createPorterApi } from '../services/api/create-porter-api'
import { createServices, sweepLeftovers } from '../services/create-services'
import { currentPlatform } from '../services/os/paths'
import { registerAppScheme, serveRenderer } from './app-protocol'
import { installAppMenu } from './app-menu'
import { showTransfersOnDesktop } from './desktop-touches'
import { registerIpc } from './ipc'
import { electronShellAdapters } from './shell-adapters'
import { applySecurityGuards } from './security'
import { createSecureWindow } from './window'

const devServerUrl = app.isPackaged ? undefined : process.env['ELECTRON_RENDERER_URL']
const trustedWebContents = new Set<number>()

function openWindow(): BrowserWindow {
  return createSecureWindow({
    preloadPath: join(__dirname, '../preload/index.js'),
    devServerUrl,
    onTrusted: (id) => trustedWebContents.add(id),
    onClosed: (id) => trustedWebContents.delete(id)
  })
}

if (!app.requestSingleInstanceLock()) {
  app.quit()
} else {
  registerAppScheme()
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows()
    if (window === undefined) return
    if (window.isMinimized()) window.restore()
    window.focus()
  })

  void app.whenReady().then(() => {
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
    void sweepLeftovers(facts)
    const services = createServices(facts, electronShellAdapters(facts.dataDir), { version: app.getVersion(), shell: 'electron' })
    registerIpc(createPorterApi(services), trustedWebContents, devServerUrl)
    installAppMenu(process.platform === 'darwin', devServerUrl !== undefined)
    showTransfersOnDesktop(services.transfers)
    openWindow()
    app.on('activate', () => {
      if (BrowserWindow.getAllWindows().length === 0) openWindow()
    })
  })

  app.on('window-all-closed', () => {
    if (process.platform !== 'darwin') app.quit()
  })
}
