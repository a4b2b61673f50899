import type { EventEmitter } from 'node:events'
import CDP from 'chrome-remote-interface'
import { PorterError } from '../../../shared/errors'
import { count } from '../../../shared/format'
import { readDevToolsActivePort } from './devtools-active-port'
import type { SuppliedCookie } from './supplied-cookie'

export interface LiveRead {
  /** The user-data folder of the browser profile whose sign-ins are wanted. */
  userDataDir: string
  browserName: string
  /** host\tname\tpath of the cookies on disk, to tell which of the browser's open profiles is this one. */
  diskKeys: Set<string>
  timeoutMs?: number
}

type Cookie = SuppliedCookie & { session?: boolean; partitionKey?: SuppliedCookie['partitionKey'] | string }

function notSharing(browser: string): PorterError {
  return new PorterError({
    code: 'live_unavailable',
    message: `${browser} is not sharing its sign-ins yet.`,
    action: `In ${browser}, open chrome://inspect/#remote-debugging, turn on “Allow remote debugging for this browser instance”, then try again.`
  })
}

function stale(browser: string): PorterError {
  return new PorterError({
    code: 'live_unavailable',
    message: `${browser} is not running with remote debugging on (the note it left is from an earlier session).`,
    action: `Start ${browser}, check that chrome://inspect/#remote-debugging is on, then try again.`
  })
}

function notAllowed(browser: string, timeoutMs: number): PorterError {
  const seconds = Math.max(1, Math.round(timeoutMs / 1000))
  return new PorterError({
    code: 'live_unavailable',
    retryable: true,
    message: `${browser} did not allow the connection within ${count(seconds, 'second')}.`,
    action: `When ${browser} asks “Allow remote debugging?”, click Allow, then try again.`
  })
}

/** One connection to 127.0.0.1 on the browser's own port and path, or a plain reason why not. */
function connect(url: string, browser: string, timeoutMs: number): Promise<CDP.Client> {
  return new Promise((resolve, reject) => {
    let late = false
    const timer = setTimeout(() => {
      late = true
      reject(notAllowed(browser, timeoutMs))
    }, timeoutMs)
    // The callback form hands back the emitter, so a connection allowed after the deadline can still be closed.
    const notifier = CDP({ target: url, local: true }, (client) => {
      clearTimeout(timer)
      // Allowed after we gave up: nothing of the session may outlive the step.
      if (late) void client.close().catch(() => undefined)
      else resolve(client)
    }) as unknown as EventEmitter
    notifier.on('error', () => {
      clearTimeout(timer)
      if (!late) reject(stale(browser))
    })
  })
}

function withDeadline<T>(work: Promise<T>, ms: number, error: () => PorterError): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  return Promise.race([work, new Promise<never>((_resolve, reject) => (timer = setTimeout(() => reject(error()), ms)))]).finally(() =>
    clearTimeout(timer)
  )
}

const keyOf = (cookie: Cookie) => `${cookie.domain}\t${cookie.name}\t${cookie.path}`

/** The browser context whose cookies look most like the profile's on disk: Chrome runs every open profile in one process. */
function pickContext(candidates: Cookie[][], diskKeys: Set<string>, browser: string): Cookie[] {
  if (candidates.length === 1 || diskKeys.size === 0) return candidates[0] ?? []
  const scored = candidates.map((cookies) => ({ cookies, score: cookies.filter((cookie) => diskKeys.has(keyOf(cookie))).length }))
  scored.sort((a, b) => b.score - a.score)
  if ((scored[0]?.score ?? 0) === 0) {
    throw new PorterError({
      code: 'live_unavailable',
      message: `Could not tell which of ${browser}'s open profiles is the one chosen.`,
      action: `Close the windows of ${browser}'s other profiles, then try again.`
    })
  }
  return scored[0]?.cookies ?? []
}

function normalise(cookie: Cookie): SuppliedCookie {
  const { session, partitionKey, expires, ...rest } = cookie
  return {
    ...rest,
    ...(session === true || expires === undefined || expires <= 0 ? {} : { expires }),
    // Older browsers gave the partition key as a plain site string.
    ...(partitionKey === undefined
      ? {}
      : { partitionKey: typeof partitionKey === 'string' ? { topLevelSite: partitionKey, hasCrossSiteAncestor: false } : partitionKey })
  }
}

/**
 * Every cookie of the chosen profile, decrypted by the running browser itself: the only way to
 * app-bound (Windows v20) cookies and to any whose key this computer will not hand out. The
 * connection goes only to 127.0.0.1 on the port the profile's own `DevToolsActivePort` names,
 * asks once, and is closed before this returns, whatever happens.
 */
export async function readLiveCookies(read: LiveRead): Promise<SuppliedCookie[]> {
  const browser = read.browserName
  const timeoutMs = read.timeoutMs ?? 60_000
  const endpoint = await readDevToolsActivePort(read.userDataDir)
  if (endpoint === undefined) throw notSharing(browser)
  const client = await connect(`ws://127.0.0.1:${endpoint.port}${endpoint.path}`, browser, timeoutMs)
  try {
    return await withDeadline(
      (async () => {
        const contexts = (await client.send('Target.getBrowserContexts')) as { browserContextIds: string[] }
        const candidates: Cookie[][] = [((await client.send('Storage.getCookies', {})) as { cookies: Cookie[] }).cookies]
        for (const browserContextId of contexts.browserContextIds) {
          candidates.push(((await client.send('Storage.getCookies', { browserContextId })) as { cookies: Cookie[] }).cookies)
        }
        return pickContext(candidates, read.diskKeys, browser).map(normalise)
      })(),
      timeoutMs,
      () => notAllowed(browser, timeoutMs)
    )
  } finally {
    await client.close().catch(() => undefined)
  }
}
