import { getProxyForUrl } from 'proxy-from-env'

/** Which proxy a request to this address goes through (`http://host:port`), or undefined for direct. */
export type ProxyFor = (url: URL) => Promise<string | undefined>

/**
 * The command line's way, like curl's: HTTPS_PROXY / HTTP_PROXY and NO_PROXY from the environment
 * (read by proxy-from-env from process.env, where a terminal puts them).
 */
export function environmentProxy(): ProxyFor {
  return async (url) => getProxyForUrl(url.toString()) || undefined
}

/**
 * The desktop's way: the system's proxy settings, PAC scripts included, as the OS resolves them
 * (Electron's session.resolveProxy answers like a PAC script: "PROXY host:port; DIRECT").
 */
export function systemProxy(resolve: (url: string) => Promise<string>): ProxyFor {
  return async (url) => proxyFromPacResult(await resolve(url.toString()))
}

/**
 * The first entry of a PAC answer this client can use. SOCKS entries are passed over (the next
 * entry is tried), since the agents here speak HTTP CONNECT; DIRECT means no proxy.
 */
export function proxyFromPacResult(result: string): string | undefined {
  for (const entry of result
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const [kind, address] = entry.split(/\s+/)
    if (kind?.toUpperCase() === 'DIRECT') return undefined
    if (kind?.toUpperCase() === 'PROXY' && address !== undefined) return `http://${address}`
    if (kind?.toUpperCase() === 'HTTPS' && address !== undefined) return `https://${address}`
  }
  return undefined
}
