import { readFile } from 'node:fs/promises'
import { join } from 'node:path'

export interface DevToolsEndpoint {
  port: number
  /** The browser's own WebSocket path, `/devtools/browser/<id>`: unique to the running browser that wrote it. */
  path: string
}

/**
 * Where a running Chromium listens for DevTools, from the `DevToolsActivePort` file it writes at
 * its user-data folder's root while remote debugging is on (line 1 the port, line 2 the path).
 * Anything else in that file is not trusted: no endpoint.
 */
export async function readDevToolsActivePort(userDataDir: string): Promise<DevToolsEndpoint | undefined> {
  const text = await readFile(join(userDataDir, 'DevToolsActivePort'), 'utf8').catch(() => undefined)
  if (text === undefined) return undefined
  const [portLine = '', pathLine = ''] = text.split(/\r?\n/)
  const port = Number(portLine.trim())
  const path = pathLine.trim()
  if (!Number.isInteger(port) || port < 1 || port > 65_535) return undefined
  if (!/^\/devtools\/browser\/[A-Za-z0-9-]{1,100}$/.test(path)) return undefined
  return { port, path }
}
