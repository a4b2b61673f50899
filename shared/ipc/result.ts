import type { PorterErrorData } from '../error-data'

/** Errors travel as data: Electron's contextBridge keeps only the message of a thrown Error. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: PorterErrorData }
