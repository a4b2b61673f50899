import { createHash, createPublicKey } from 'node:crypto'
import { execFileSync } from 'node:child_process'
import { mkdtemp, readFile, rm } from 'node:fs/promises'
import { createServer, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

/** The test's own sites, all served by one https server on 127.0.0.1, told apart by the Host header. */
export const SITES = {
  /** Accepts the moved cookie: signed in. */
  mail: 'example.com',
  /** Ties its sign-in to the device: the long-lived cookie alone lands on its sign-in page. */
  bound: 'google.com',
  boundLogin: 'accounts.google.com',
  /** Signed in, but asks for a code first. */
  bank: 'example.org',
  /** Never mapped: the cloud browser cannot reach it. */
  gone: 'example.net'
} as const

export interface CheckSites {
  port: number
  /** `--host-resolver-rules` entries sending the mapped names to this server. */
  hostRules: string[]
  /** Chromium flags that trust this server's certificate (and nothing else). */
  trustArgs: string[]
  close(): Promise<void>
}

const cookieOf = (header: string | undefined, name: string) => new RegExp(`(?:^|;\\s*)${name}=([^;]+)`).exec(header ?? '')?.[1]

function page(title: string, body: string): string {
  return `<!doctype html><html><head><title>${title}</title></head><body>${body}</body></html>`
}

const LOGIN_FORM =
  '<form><label>Email <input name="email"></label><label>Password <input type="password" name="password"></label><button>Sign in</button></form>'

/** One self-signed certificate for every test name (the cloud browser trusts its key, nothing else). */
async function certificate(): Promise<{ key: string; cert: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'porter-check-sites-'))
  try {
    const names = [SITES.mail, SITES.bound, SITES.boundLogin, SITES.bank, SITES.gone].map((name) => `DNS:${name}`).join(',')
    execFileSync(
      'openssl',
      [
        'req',
        '-x509',
        '-newkey',
        'rsa:2048',
        '-nodes',
        '-keyout',
        'key.pem',
        '-out',
        'cert.pem',
        '-days',
        '2',
        '-subj',
        '/CN=porter-check-sites',
        '-addext',
        `subjectAltName=${names}`
      ],
      { cwd: dir, stdio: 'pipe' }
    )
    return { key: await readFile(join(dir, 'key.pem'), 'utf8'), cert: await readFile(join(dir, 'cert.pem'), 'utf8') }
  } finally {
    await rm(dir, { recursive: true, force: true })
  }
}

/**
 * The check's proof sites: mail (signed in with the moved `sid`), Google (its `SID` only counts
 * with a short-lived bound cookie the moved profile no longer has), the bank (signed in, then
 * asks for a code). Unknown hosts get a 404.
 */
export async function startCheckSites(): Promise<CheckSites> {
  const tls = await certificate()
  const server: Server = createServer(tls, (request, response) => {
    const host = (request.headers.host ?? '').split(':')[0]
    const cookies = request.headers.cookie
    const url = new URL(request.url ?? '/', `https://${host}`)
    const send = (status: number, html: string, headers: Record<string, string> = {}) => {
      response.writeHead(status, { 'content-type': 'text/html; charset=utf-8', ...headers })
      response.end(html)
    }
    if (host === SITES.mail) {
      if (url.pathname === '/login') return send(200, page('Sign in – Mail', LOGIN_FORM))
      if (cookieOf(cookies, 'sid') === 'mail-session')
        return send(200, page('Inbox – Mail', '<h1>Inbox</h1><a href="/logout">Sign out</a>'))
      return send(302, '', { location: '/login?next=/' })
    }
    if (host === SITES.bound || host === SITES.boundLogin) {
      if (url.pathname.startsWith('/ServiceLogin')) return send(200, page('Sign in – Google Accounts', LOGIN_FORM))
      if (cookieOf(cookies, 'SID') === 'google-session' && cookieOf(cookies, '__Secure-bound') !== undefined)
        return send(200, page('Google Account', '<h1>Welcome back</h1>'))
      return send(302, '', { location: `https://${SITES.boundLogin}/ServiceLogin?continue=https://${SITES.bound}/` })
    }
    if (host === SITES.bank) {
      if (url.pathname === '/signin') return send(200, page('Sign in – Bank', LOGIN_FORM))
      if (cookieOf(cookies, 'bank_session') === 'bank-session')
        return send(
          200,
          page('Security check – Bank', '<p>Enter the code we sent to your phone.</p><input autocomplete="one-time-code" name="code">')
        )
      return send(302, '', { location: '/signin' })
    }
    send(404, page('Not found', '<p>Nothing here.</p>'))
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  const spki = createPublicKey(tls.cert).export({ type: 'spki', format: 'der' })
  const mapped = [SITES.mail, SITES.bound, SITES.boundLogin, SITES.bank]
  return {
    port,
    hostRules: mapped.map((name) => `MAP ${name} 127.0.0.1:${port}`),
    trustArgs: [`--ignore-certificate-errors-spki-list=${createHash('sha256').update(spki).digest('base64')}`],
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
  }
}
