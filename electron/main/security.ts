import { app, session, shell } from 'electron'
import { allowsPermission, isAppUrl, isLiveViewUrl, isSafeExternalUrl, shouldBlockNavigation } from './guards'

/**
 * App-wide guards for every web contents, including any created later: no new windows, no
 * navigation away from the renderer, no redirects, no <webview>, no permission but clipboard-write.
 */
export function applySecurityGuards(devServerUrl: string | undefined): void {
  session.defaultSession.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(allowsPermission(permission, details.requestingUrl, devServerUrl))
  )
  session.defaultSession.setPermissionCheckHandler((_contents, permission, requestingOrigin) =>
    allowsPermission(permission, requestingOrigin, devServerUrl)
  )

  app.on('web-contents-created', (_event, contents) => {
    contents.setWindowOpenHandler(({ url }) => {
      if (isSafeExternalUrl(url)) void shell.openExternal(url)
      return { action: 'deny' }
    })
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url, devServerUrl) || shouldBlockNavigation(url, contents.getURL())) {
        event.preventDefault()
      }
    })
    contents.on('will-redirect', (event) => event.preventDefault())
    contents.on('will-attach-webview', (event) => event.preventDefault())
  })
}

/** The one way the app opens a link in the user's browser. */
export async function openExternalLink(url: unknown): Promise<boolean> {
  if (!isSafeExternalUrl(url)) return false
  await shell.openExternal(url)
  return true
}

/** A check's live view in the user's browser: https, or the reference cloud on this computer. */
export async function openLiveView(url: unknown): Promise<boolean> {
  if (!isLiveViewUrl(url)) return false
  await shell.openExternal(url)
  return true
}
