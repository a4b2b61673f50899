import { constants } from 'node:fs'
import { open } from 'node:fs/promises'
import { join } from 'node:path'
import { PorterError } from '../../../shared/errors'

export interface DevToolsEndpoint {
  port: number
  /** The browser's own WebSocket path, `/devtools/browser/<id>`: unique to the running browser that wrote it. */
  path: string
}

/** Chromium writes two short lines; anything larger is not its note. */
const MAX_BYTES = 1024

function notItsNote(dir: string, browser: string, why: string): PorterError {
  return new PorterError({
    code: 'live_unavailable',
    message: `The DevToolsActivePort file in ${dir} is not one ${browser} wrote (${why}), so Profile Porter did not use it: quit ${browser}, delete that file, start ${browser} again and turn remote debugging on.`
  })
}

/**
 * Where a running Chromium listens for DevTools, from the `DevToolsActivePort` file it writes at
 * its user-data folder's root while remote debugging is on (line 1 the port, line 2 the path).
 * Undefined when there is no such file. The file is opened without blocking and without following
 * a link, and read only when it is a small regular file: a FIFO, a device or a huge file put in its
 * place cannot stall or flood the read. Anything else in it is not trusted.
 */
export async function readDevToolsActivePort(userDataDir: string, browser: string): Promise<DevToolsEndpoint | undefined> {
  const path = join(userDataDir, 'DevToolsActivePort')
  const flags = constants.O_RDONLY | (constants.O_NONBLOCK ?? 0) | (constants.O_NOFOLLOW ?? 0)
  const handle = await open(path, flags).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined
    throw notItsNote(userDataDir, browser, error.code === 'ELOOP' ? 'it is a link' : 'it cannot be opened')
  })
  if (handle === undefined) return undefined
  let text: string
  try {
    const stats = await handle.stat()
    if (!stats.isFile()) throw notItsNote(userDataDir, browser, 'it is not a regular file')
    if (stats.size > MAX_BYTES) throw notItsNote(userDataDir, browser, 'it is far too large')
    const buffer = Buffer.alloc(MAX_BYTES)
    const { bytesRead } = await handle.read(buffer, 0, MAX_BYTES, 0)
    text = buffer.subarray(0, bytesRead).toString('utf8')
  } finally {
    await handle.close()
  }
  const [portLine = '', pathLine = ''] = text.split(/\r?\n/)
  const port = Number(portLine.trim())
  const endpointPath = pathLine.trim()
  if (!/^\d{1,5}$/.test(portLine.trim()) || port < 1 || port > 65_535) throw notItsNote(userDataDir, browser, 'its port is not a port')
  if (!/^\/devtools\/browser\/[A-Za-z0-9-]{1,100}$/.test(endpointPath))
    throw notItsNote(userDataDir, browser, 'its second line is not a DevTools path on this computer')
  return { port, path: endpointPath }
}
