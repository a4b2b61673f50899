import { Menu, type MenuItemConstructorOptions } from 'electron'
import { openExternalLink } from './security'

/** The native menu: the platform's standard roles, and help pages of the two services. */
export function installAppMenu(isMac: boolean, isDev: boolean): void {
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
        { label: 'WebRun profiles', click: () => void openExternalLink('https://docs.webrun.ai/profiles/profile-management-api') }
      ]
    }
  ]
  Menu.setApplicationMenu(Menu.buildFromTemplate(template))
}
