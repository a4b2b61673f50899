import { pathToFileURL } from 'node:url'
import { net, protocol } from 'electron'
import { APP_SCHEME, resolveAppAsset } from './guards'

/** Must run before `app.whenReady()`: app:// behaves like https (secure, standard origin). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([
    { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }
  ])
}

/** Serves the built renderer from app://porter/ so the window never loads file:// URLs. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => {
    if (request.method !== 'GET') return new Response('Method not allowed', { status: 405 })
    const file = resolveAppAsset(rendererDir, request.url)
    if (file === null) return new Response('Not found', { status: 404 })
    return net.fetch(pathToFileURL(file).toString())
  })
}
