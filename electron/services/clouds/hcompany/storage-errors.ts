import { PorterError } from '../../../../shared/errors'
import { formatBytes } from '../../../../shared/format'
import { retryAfterSeconds } from '../http/json-request'

export interface StorageRefusal {
  code: string
  message: string
  maxSize?: number
}

function unescapeXml(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&')
}

export function parseStorageXml(text: string): StorageRefusal | undefined {
  const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1]
  if (code === undefined) return undefined
  const message = unescapeXml(/<Message>([^<]*)<\/Message>/.exec(text)?.[1] ?? '').trim()
  const max = /<MaxSizeAllowed>(\d+)<\/MaxSizeAllowed>/.exec(text)?.[1]
  return { code, message, ...(max === undefined ? {} : { maxSize: Number(max) }) }
}

export function isExpiredPolicy(refusal: StorageRefusal | undefined): boolean {
  return refusal?.code === 'AccessDenied' && /policy expired/i.test(refusal.message)
}

/** What storage's XML refusal means for the person uploading, saying only what the XML says. */
export function storageFailure(status: number, refusal: StorageRefusal | undefined, retryAfter?: string | string[]): PorterError {
  const detail = refusal === undefined ? `error ${status}` : refusal.message === '' ? refusal.code : `${refusal.code}: ${refusal.message}`
  if (status === 429 || status === 503 || refusal?.code === 'SlowDown') {
    const wait = retryAfterSeconds(retryAfter)
    return new PorterError({
      code: 'rate_limited',
      status,
      retryable: true,
      ...(wait === undefined ? {} : { retryAfterSeconds: wait }),
      message: `H Company's storage is busy (${detail}).`,
      action: 'Wait a minute, then try again.'
    })
  }
  switch (refusal?.code) {
    case 'EntityTooLarge':
      return new PorterError({
        code: 'too_large',
        status,
        message:
          refusal.maxSize === undefined
            ? 'The profile archive is larger than H Company’s storage accepts.'
            : `The profile archive is larger than H Company’s storage accepts (at most ${formatBytes(refusal.maxSize)}).`,
        action: 'Clear large site data in the browser, then try again.'
      })
    case 'EntityTooSmall':
      return new PorterError({
        code: 'invalid_input',
        status,
        message: 'The profile archive was empty.',
        action: 'Try again; if it keeps happening, choose another profile.'
      })
    case 'AccessDenied':
    case 'SignatureDoesNotMatch':
      return new PorterError({
        code: 'forbidden',
        status,
        message: `H Company's storage refused the upload (${detail}).`,
        action: 'Try again; the upload link will be renewed.'
      })
    default:
      return new PorterError({
        code: 'service',
        status,
        retryable: status >= 500,
        message: `H Company's storage refused the upload (${detail}).`,
        action: 'Try again in a moment.'
      })
  }
}
