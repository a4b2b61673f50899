import { Menu, type MenuItemConstructorOptions } from 'electron'
import { openExternalLink } from './security'

/** What the Help menu does beyond links: the app's own upkeep. */
export interface HelpActions {
  checkForUpdates(): void
  openLogFolder(): void
  saveReport(): void
}

/** The native menu: the platform's standard roles, help pages of the two services, updates, the log and a report. */
export function installAppMenu(isMac: boolean, isDev: boolean, help: HelpActions): void {
  const template: MenuItemConstructorOptions[] = [
    ...(isMac ? [{ role: 'appMenu' as const }] : []),
    { role: 'fileMenu' },
    { role: 'editMenu' },
    {
      label: 'View',
      submenu: [
        ...(isDev ? [{ role: 'reload' as const }, { role: 'toggleDevTools' as const }, { type: 'separator' as const }] : []),
        { role: 'resetZoom' },
        { role: 'zoomIn' },
        { role: 'zoomOut' },
        { type: 'separator' },
        { role: 'togglefullscreen' }
      ]
    },
    { role: 'windowMenu' },
    {
      role: 'help',
      submenu: [
        {
          label: 'H Company browser profiles',
          click: () => void openExternalLink('https://hub.hcompany.ai/computer-use-agents/browser/profiles')
        },
        { label: 'WebRun profiles', click: () => void openExternalLink('https://docs.webrun.ai/profiles/profile-management-api') },
        { type: 'separator' },
        { label: 'Check for updates…', click: () => help.checkForUpdates() },
        { label: 'Open the log folder', click: () => help.openLogFolder() },
        { label: 'Save a report for IT…', click: () => help.saveReport() }
      ]
    }
  ]
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}
