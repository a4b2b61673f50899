import { createHash } from 'node:crypto'
import type { ConnectionKind } from '../../../shared/domain/connection'

/** An address as one string however it was typed: the host's case and trailing slashes do not count. */
function sameAddress(baseUrl: string): string {
  try {
    const url = new URL(baseUrl)
    return `${url.protocol}//${url.host}${url.pathname.replace(/\/+$/, '')}`
  } catch {
    return baseUrl.replace(/\/+$/, '')
  }
}

/**
 * Which account at which service a connection reaches: what a receipt keeps to find its connection
 * again after the connection is removed and added back (a new local id). The account is who the
 * service says owns the profiles; where it names no one, a fingerprint of the key — never the key.
 */
export function accountLink(kind: ConnectionKind, baseUrl: string, owner: string | undefined, key: string): string {
  if (kind === 'local') return 'local'
  const who = owner === undefined ? `key-sha256:${createHash('sha256').update(key).digest('hex').slice(0, 16)}` : `owner:${owner}`
  return `${kind} ${sameAddress(baseUrl)} ${who}`
}
