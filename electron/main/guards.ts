import { isAbsolute, relative, resolve, sep } from 'node:path'

/**
 * Pure checks behind every Electron guard, kept free of `electron` so they are unit-tested.
 * Each takes `unknown` because its input comes from web content.
 */

export const APP_SCHEME = 'app'
const APP_HOST = 'porter'
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`

function parseUrl(value: unknown): URL | null {
  if (typeof value !== 'string' || value.length > 2048) return null
  try {
    return new URL(value)
  } catch {
    return null
  }
}

/** Only plain https links, without credentials, may leave the app for the user's browser. */
export function isSafeExternalUrl(value: unknown): value is string {
  const url = parseUrl(value)
  return url !== null && url.protocol === 'https:' && url.username === '' && url.password === ''
}

/**
 * A check's live view: a plain https address, or the reference cloud's on this computer (http on
 * a loopback address), never with credentials in it.
 */
export function isLiveViewUrl(value: unknown): value is string {
  if (isSafeExternalUrl(value)) return true
  const url = parseUrl(value)
  return (
    url !== null &&
    url.protocol === 'http:' &&
    ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname) &&
    url.username === '' &&
    url.password === ''
  )
}

/** True when the URL belongs to our own renderer (the packaged app:// origin or the dev server). */
export function isAppUrl(value: unknown, devServerUrl?: string): boolean {
  const url = parseUrl(value)
  if (url === null) return false
  if (url.username !== '' || url.password !== '') return false
  if (url.origin === APP_ORIGIN || (url.protocol === `${APP_SCHEME}:` && url.host === APP_HOST)) {
    return true
  }
  const dev = devServerUrl === undefined ? null : parseUrl(devServerUrl)
  return dev !== null && url.origin === dev.origin
}

/** Navigation inside the window is never needed: the renderer is a single page. */
export function shouldBlockNavigation(target: unknown, current: unknown): boolean {
  const to = parseUrl(target)
  const from = parseUrl(current)
  if (to === null || from === null) return true
  return !(to.origin === from.origin && to.pathname === from.pathname)
}

/**
 * Maps an app:// request to a file inside the built renderer, or null when it would escape it
 * (`..`, encoded separators, absolute paths) or names another host.
 */
export function resolveAppAsset(rendererDir: string, requestUrl: unknown): string | null {
  const url = parseUrl(requestUrl)
  if (url === null || url.protocol !== `${APP_SCHEME}:` || url.host !== APP_HOST) return null
  let pathname: string
  try {
    pathname = decodeURIComponent(url.pathname)
  } catch {
    return null
  }
  if (pathname.includes('\0') || pathname.includes('\\')) return null
  const wanted = pathname === '/' || pathname === '' ? 'index.html' : pathname.replace(/^\/+/, '')
  const root = resolve(rendererDir)
  const file = resolve(root, wanted)
  const inside = relative(root, file)
  if (inside === '' || inside.startsWith('..') || isAbsolute(inside) || inside.split(sep).includes('..')) {
    return null
  }
  return file
}

/** Our IPC only answers the top frame of our own window showing our own renderer. */
export function isTrustedSender(
  sender: { webContentsId: number; frameUrl: unknown; isMainFrame: boolean },
  trustedWebContentsIds: ReadonlySet<number>,
  devServerUrl?: string
): boolean {
  return sender.isMainFrame && trustedWebContentsIds.has(sender.webContentsId) && isAppUrl(sender.frameUrl, devServerUrl)
}

/**
 * The one permission the window may have: writing to the clipboard ("Copy id"), and only for our
 * own renderer. Reading the clipboard, notifications from the page, media and the rest stay denied.
 */
export function allowsPermission(permission: string, requestingUrl: unknown, devServerUrl?: string): boolean {
  return permission === 'clipboard-sanitized-write' && isAppUrl(requestingUrl, devServerUrl)
}
