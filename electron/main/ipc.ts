import { ipcMain, webContents, type IpcMainInvokeEvent } from 'electron'
import { invokeChannels } from '../../shared/ipc/channels'
import type { IpcResult } from '../../shared/ipc/result'
import { dispatch } from '../services/api/dispatch'
import type { Handlers } from '../services/api/handlers'
import type { Log } from '../services/logging/logger'
import { isTrustedSender } from './guards'

/** Set by electron-vite at build time: the production build leaves the contract's answer check out. */
const productionBuild = (import.meta as unknown as { env: { PROD: boolean } }).env.PROD

const forbidden: IpcResult<never> = {
  ok: false,
  error: { code: 'forbidden', message: 'This request did not come from the Profile Porter window.' }
}

/** Pushes an event to every window that shows our renderer. */
export function broadcastEvents(trustedWebContentsIds: ReadonlySet<number>): (event: string, payload: unknown) => void {
  return (event, payload) => {
    for (const contents of webContents.getAllWebContents()) {
      if (trustedWebContentsIds.has(contents.id) && !contents.isDestroyed()) contents.send(event, payload)
    }
  }
}

/** Registers every contract channel through one wrapper: sender check, then the shared dispatcher. */
export function registerIpc(
  handlers: Handlers,
  trustedWebContentsIds: ReadonlySet<number>,
  devServerUrl: string | undefined,
  log?: Log
): void {
  for (const channel of invokeChannels) {
    ipcMain.removeHandler(channel)
    ipcMain.handle(channel, async (event: IpcMainInvokeEvent, rawInput: unknown) => {
      const frame = event.senderFrame
      const sender = {
        webContentsId: event.sender.id,
        frameUrl: frame?.url,
        isMainFrame: frame !== null && frame === event.sender.mainFrame
      }
      if (!isTrustedSender(sender, trustedWebContentsIds, devServerUrl)) return forbidden
      // Events reach every window through broadcastEvents, so a window reopened later sees them too.
      return dispatch(handlers, channel, rawInput, { emit: () => undefined }, log, { checkAnswers: !productionBuild })
    })
  }
}
