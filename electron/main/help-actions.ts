import { dirname } from 'node:path'
import { BrowserWindow, dialog, shell } from 'electron'
import type { AppCommand } from '../../shared/domain/update'
import { PorterError } from '../../shared/errors'
import type { EventChannel } from '../../shared/ipc/channels'
import type { PorterServices } from '../services/api/porter-services'
import type { HelpActions } from './app-menu'

async function say(message: string, detail?: string): Promise<void> {
  await dialog.showMessageBox({ type: 'info', message, ...(detail === undefined ? {} : { detail }), buttons: ['OK'], noLink: true })
}

/** Help → Check for updates: the answer in a dialog, and a restart offered when one is ready. */
async function checkForUpdates(services: PorterServices): Promise<void> {
  const message = await services.updates.check()
  if (services.updates.state().status !== 'ready') return say(message)
  const { response } = await dialog.showMessageBox({
    type: 'info',
    message,
    buttons: ['Restart now', 'Later'],
    defaultId: 0,
    cancelId: 1,
    noLink: true
  })
  if (response !== 0) return
  try {
    services.updates.restart()
  } catch (error) {
    if (error instanceof PorterError) return say(error.message, error.action)
    throw error
  }
}

/** With no window to preview it in (macOS, all windows closed): what it holds, said first, then saved. */
async function saveReportWithoutWindow(services: PorterServices): Promise<void> {
  const { response } = await dialog.showMessageBox({
    type: 'info',
    message: 'Save a report for IT?',
    detail:
      'It holds the recent log, the versions of the app and the operating system, the names of the browsers found, ' +
      'and how the last transfers ended. It holds no profile data, no cookies and no keys.',
    buttons: ['Save…', 'Cancel'],
    defaultId: 0,
    cancelId: 1,
    noLink: true
  })
  if (response !== 0) return
  const saved = await services.report.saveNow()
  if (saved !== null) shell.showItemInFolder(saved)
}

export function helpActions(services: () => PorterServices | undefined): HelpActions {
  const withServices = (action: (services: PorterServices) => Promise<void>) => () => {
    const current = services()
    if (current !== undefined) void action(current).catch((error: unknown) => current.log.error('A Help menu action failed:', error))
  }
  return {
    checkForUpdates: withServices(checkForUpdates),
    openLogFolder: withServices(async ({ log }) => {
      if (log.file !== undefined) await shell.openPath(dirname(log.file))
    }),
    saveReport: withServices(async (current) => {
      // The window shows the report in full before it is saved; it opens its preview on this command.
      const window = BrowserWindow.getFocusedWindow() ?? BrowserWindow.getAllWindows()[0]
      if (window === undefined) return saveReportWithoutWindow(current)
      window.webContents.send('app:command' satisfies EventChannel, 'saveReport' satisfies AppCommand)
    })
  }
}
