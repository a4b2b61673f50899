import { PorterError } from '../../../shared/errors'
import { count } from '../../../shared/format'
import { readDevToolsActivePort } from './devtools-active-port'
import { connectDevTools } from './devtools-connection'
import type { SuppliedCookie } from './supplied-cookie'

export interface LiveRead {
  /** The user-data folder of the browser profile whose sign-ins are wanted. */
  userDataDir: string
  browserName: string
  /** Where the browser's remote-debugging switch is (liveSwitch): Edge's own address in Edge. */
  switchAddress: string
  /** The browser is known to be closed (its lock is free): then the first step is to start it. */
  closed?: boolean
  /** host\tname\tpath of the cookies on disk, to tell which of the browser's open profiles is this one. */
  diskKeys: Set<string>
  timeoutMs?: number
}

type Cookie = SuppliedCookie & { session?: boolean; partitionKey?: SuppliedCookie['partitionKey'] | string }

function notSharing(browser: string, address: string, closed: boolean): PorterError {
  const turnOn = `open ${address}, turn on “Allow remote debugging for this browser instance”, then try again.`
  return new PorterError({
    code: 'live_unavailable',
    message: closed ? `${browser} is not open, so it cannot hand over its sign-ins.` : `${browser} is not sharing its sign-ins yet.`,
    action: closed ? `Start ${browser}, ${turnOn}` : `In ${browser}, ${turnOn}`
  })
}

function stale(browser: string, address: string): PorterError {
  return new PorterError({
    code: 'live_unavailable',
    message: `${browser} is not running with remote debugging on (the note it left is from an earlier session).`,
    action: `Start ${browser}, check that ${address} is on, then try again.`
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

/** A list of cookies as the browser gives them: objects with the fields a cookie needs, or the answer is not one. */
function cookiesIn(result: Record<string, unknown>, browser: string): Cookie[] {
  const cookies = result['cookies']
  const partitionOk = (key: unknown) =>
    key === undefined ||
    typeof key === 'string' ||
    (typeof key === 'object' && key !== null && typeof (key as Record<string, unknown>)['topLevelSite'] === 'string')
  const valid =
    Array.isArray(cookies) &&
    cookies.every((cookie: unknown) => {
      if (typeof cookie !== 'object' || cookie === null) return false
      const fields = cookie as Record<string, unknown>
      return (
        ['name', 'value', 'domain', 'path'].every((field) => typeof fields[field] === 'string') &&
        (fields['expires'] === undefined || typeof fields['expires'] === 'number') &&
        partitionOk(fields['partitionKey'])
      )
    })
  if (!valid)
    throw new PorterError({
      code: 'live_unavailable',
      message: `${browser} sent a cookie list Profile Porter could not read, so nothing was read.`
    })
  return cookies as Cookie[]
}

/**
 * Every cookie of the chosen profile, decrypted by the running browser itself: the only way to
 * app-bound (Windows v20) cookies and to any whose key this computer will not hand out. The
 * connection goes only to 127.0.0.1 on the port and path the profile's own `DevToolsActivePort`
 * names, follows no redirect, checks every answer, gives each step the same time limit, and is
 * closed before this returns, whatever happens.
 */
export async function readLiveCookies(read: LiveRead): Promise<SuppliedCookie[]> {
  const browser = read.browserName
  const timeoutMs = read.timeoutMs ?? 60_000
  const endpoint = await readDevToolsActivePort(read.userDataDir, browser)
  if (endpoint === undefined) throw notSharing(browser, read.switchAddress, read.closed === true)
  const connection = await connectDevTools(endpoint, {
    browser,
    timeoutMs,
    notAllowed: () => notAllowed(browser, timeoutMs),
    stale: () => stale(browser, read.switchAddress)
  })
  try {
    const contexts = (await connection.send('Target.getBrowserContexts'))['browserContextIds']
    if (!Array.isArray(contexts) || !contexts.every((id) => typeof id === 'string'))
      throw new PorterError({
        code: 'live_unavailable',
        message: `${browser} sent an answer Profile Porter could not read, so nothing was read.`
      })
    const candidates: Cookie[][] = [cookiesIn(await connection.send('Storage.getCookies'), browser)]
    for (const browserContextId of contexts)
      candidates.push(cookiesIn(await connection.send('Storage.getCookies', { browserContextId }), browser))
    return pickContext(candidates, read.diskKeys, browser).map(normalise)
  } finally {
    connection.close()
  }
}
