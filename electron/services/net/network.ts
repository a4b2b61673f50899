import { Agent as HttpAgent, request as httpRequest, type ClientRequest, type RequestOptions } from 'node:http'
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https'
import { HttpProxyAgent } from 'http-proxy-agent'
import { HttpsProxyAgent } from 'https-proxy-agent'
import type { ProxyFor } from './proxy-for'

/** Every request to a service leaves through here: the right proxy, and the certificates to trust. */
export interface Network {
  request(url: URL, options: RequestOptions): Promise<ClientRequest>
}

/**
 * How long a kept-alive connection waits for the next request: Node's own default agent's. With a
 * limit set, Node also closes a connection a second before the time the service announces
 * (`Keep-Alive: timeout=N`); without one it keeps it until the service closes it, which can cross
 * the next request (see closed-while-idle.ts).
 */
const KEEP_ALIVE = { keepAlive: true, timeout: 5_000 }

export function createNetwork(options: { proxyFor: ProxyFor; ca: () => string[] }): Network {
  const agents = new Map<string, HttpAgent>()
  let ca: string[] | undefined
  const trusted = () => (ca ??= options.ca())

  function agentFor(https: boolean, proxy: string | undefined): HttpAgent {
    const key = `${https ? 'https' : 'http'} ${proxy ?? 'direct'}`
    let agent = agents.get(key)
    if (agent === undefined) {
      if (proxy === undefined) agent = https ? new HttpsAgent({ ...KEEP_ALIVE, ca: trusted() }) : new HttpAgent(KEEP_ALIVE)
      // Through a proxy, https is tunnelled with CONNECT (and checked end to end); http goes as a full URL.
      else agent = https ? new HttpsProxyAgent(proxy, { ...KEEP_ALIVE, ca: trusted() }) : new HttpProxyAgent(proxy, KEEP_ALIVE)
      agents.set(key, agent)
    }
    return agent
  }

  return {
    async request(url, requestOptions) {
      const https = url.protocol === 'https:'
      const agent = agentFor(https, await options.proxyFor(url))
      return https ? httpsRequest(url, { ...requestOptions, agent, ca: trusted() }) : httpRequest(url, { ...requestOptions, agent })
    }
  }
}
