import { readFileSync } from 'node:fs'
import tls from 'node:tls'

function pemBlocks(text: string): string[] {
  return text.match(/-----BEGIN CERTIFICATE-----[\s\S]+?-----END CERTIFICATE-----/g) ?? []
}

function pemFile(path: string | undefined): string[] {
  if (path === undefined || path === '') return []
  try {
    return pemBlocks(readFileSync(path, 'utf8'))
  } catch {
    return []
  }
}

/**
 * The certificate authorities service connections trust: Node's own list and, so that offices with
 * their own authority work, the operating system's store (Windows certificate store, macOS
 * Keychain, Linux's bundle or SSL_CERT_FILE), plus NODE_EXTRA_CA_CERTS. Node reads the system
 * store itself where it can (22.15 and Electron's Node); older Node gets Linux's bundle file.
 */
export function trustedCertificates(env: NodeJS.ProcessEnv): string[] {
  const nodeReadsSystem = typeof tls.getCACertificates === 'function'
  const system = nodeReadsSystem ? tls.getCACertificates('system') : pemFile('/etc/ssl/certs/ca-certificates.crt')
  const extra = nodeReadsSystem ? tls.getCACertificates('extra') : []
  // SSL_CERT_FILE names the Linux store's file; it is read as given here, whatever Node read at start.
  return [
    ...new Set([...tls.rootCertificates, ...system, ...extra, ...pemFile(env['SSL_CERT_FILE']), ...pemFile(env['NODE_EXTRA_CA_CERTS'])])
  ]
}
