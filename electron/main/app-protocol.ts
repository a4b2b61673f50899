import { readFile } from 'node:fs/promises'
import { pathToFileURL } from 'node:url'
import { net, protocol } from 'electron'
import { withFreshCspNonce } from './csp-nonce'
import { APP_SCHEME, resolveAppAsset } from './guards'

/** Must run before `app.whenReady()`: app:// behaves like https (secure, standard origin). */
export function registerAppScheme(): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }])
}

/** Serves the built renderer from app://porter/ so the window never loads file:// URLs. */
export function serveRenderer(rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    if (request.method !== 'GET') return new Response('Method not allowed', { status: 405 })
    const file = resolveAppAsset(rendererDir, request.url)
    if (file === null) return new Response('Not found', { status: 404 })
    try {
      if (file.endsWith('index.html')) {
        const html = withFreshCspNonce(await readFile(file, 'utf8'))
        return new Response(html, { headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' } })
      }
      return await net.fetch(pathToFileURL(file).toString())
    } catch {
      return new Response('Not found', { status: 404 })
    }
  })
}
