import { randomBytes } from 'node:crypto'
import { CSP_NONCE_PLACEHOLDER } from '../../shared/csp-nonce'

/** index.html as served: its CSP nonce made fresh for this one load. */
export function withFreshCspNonce(html: string): string {
  return html.replaceAll(CSP_NONCE_PLACEHOLDER, randomBytes(18).toString('base64'))
}
