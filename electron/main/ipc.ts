import { ipcMain, type IpcMainInvokeEvent } from 'electron'
import { invokeChannels } from '../../shared/ipc/channels'
import type { IpcResult } from '../../shared/ipc/result'
import { dispatch } from '../services/api/dispatch'
import type { Handlers } from '../services/api/handlers'
import { isTrustedSender } from './guards'

const forbidden: IpcResult<never> = {
  ok: false,
  error: { code: 'forbidden', message: 'This request did not come from the Profile Porter window.' }
}

/** Registers every contract channel through one wrapper: sender check, then the shared dispatcher. */
export function registerIpc(
  handlers: Handlers,
  trustedWebContentsIds: ReadonlySet<number>,
  devServerUrl: string | undefined
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
      return dispatch(handlers, channel, rawInput, {
        emit: (name, payload) => {
          if (!event.sender.isDestroyed()) event.sender.send(name, payload)
        }
      })
    })
  }
}
