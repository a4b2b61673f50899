import { createHmac } from 'node:crypto'
import { signaturesMatch } from '../storage/sigv4'

export const BLOB_PATH = '/webrun-storage/'

function signature(secret: string, path: string, expires: number): string {
  return createHmac('sha256', secret).update(`${path}\n${expires}`).digest('hex')
}

export function signBlobUrl(base: string, secret: string, key: string, expiresMs: number): string {
  const path = `${BLOB_PATH}${key}`
  const expires = Math.floor(expiresMs / 1000)
  return `${base}${path}?expires=${expires}&signature=${signature(secret, path, expires)}`
}

export function checkBlobUrl(url: URL, secret: string, nowMs: number): 'ok' | 'expired' | 'tampered' {
  const expires = Number(url.searchParams.get('expires'))
  const given = url.searchParams.get('signature') ?? ''
  if (!Number.isInteger(expires) || !signaturesMatch(signature(secret, url.pathname, expires), given)) return 'tampered'
  return expires * 1000 <= nowMs ? 'expired' : 'ok'
}
