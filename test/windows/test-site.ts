import { createServer, type Server } from 'node:https'
import type { AddressInfo } from 'node:net'
import { makePrivateCa } from '../support/private-ca'

/** What the site was sent: for each host, the cookies of each request, as name=value. */
export interface TestSite {
  origin(host: string): string
  port: number
  received: Map<string, string[]>
  /** Chromium's flags to find the site: every test host on loopback, the private certificate accepted. */
  browserArgs: string[]
  close(): Promise<void>
}

/**
 * The sites whose sign-ins travel, on loopback over HTTPS (Secure cookies go over HTTPS only). A page
 * of `embedder` frames `embedded`, where a partitioned cookie kept under the embedder is sent.
 */
export async function startTestSite(dir: string, hosts: string[], frame: { embedder: string; embedded: string }): Promise<TestSite> {
  const ca = makePrivateCa(dir)
  const received = new Map<string, string[]>()
  let port = 0
  const server: Server = createServer({ key: ca.key, cert: ca.cert }, (request, response) => {
    const host = (request.headers.host ?? '').replace(/:\d+$/, '')
    const cookies = (request.headers.cookie ?? '').split(/;\s*/).filter(Boolean)
    // Pages and frames only: the browser's own favicon requests would count every cookie twice.
    if (request.url !== '/favicon.ico') received.set(host, [...(received.get(host) ?? []), ...cookies])
    const iframe = host === frame.embedder ? `<iframe src="https://${frame.embedded}:${port}/frame"></iframe>` : ''
    response.setHeader('content-type', 'text/html')
    response.end(`<!doctype html><title>${host}</title>${iframe}`)
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  port = (server.address() as AddressInfo).port
  return {
    port,
    received,
    origin: (host) => `https://${host}:${port}`,
    browserArgs: [`--host-resolver-rules=${hosts.map((host) => `MAP ${host} 127.0.0.1`).join(', ')}`, '--ignore-certificate-errors'],
    close: () => new Promise((resolve) => server.close(() => resolve()))
  }
}
