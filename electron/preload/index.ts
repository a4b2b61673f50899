import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { buildPorterApi, type PorterApi } from '../../shared/ipc/api'
import type { IpcResult } from '../../shared/ipc/result'

/** Only named methods cross the bridge: no raw ipcRenderer, and listeners never see the IPC event. */
const porter = buildPorterApi({
  invoke: (channel, input) => ipcRenderer.invoke(channel, input) as Promise<IpcResult<unknown>>,
  subscribe: (event, listener) => {
    const handler = (_event: IpcRendererEvent, payload: unknown) => listener(payload)
    ipcRenderer.on(event, handler)
    return () => {
      ipcRenderer.removeListener(event, handler)
    }
  }
}) satisfies PorterApi

contextBridge.exposeInMainWorld('porter', porter)
