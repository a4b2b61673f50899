import { PorterError } from '../../../../shared/errors'
import { formatBytes } from '../../../../shared/format'

export interface StorageRefusal {
  code: string
  message: string
  maxSize?: number
}

export function parseStorageXml(text: string): StorageRefusal | undefined {
  const code = /<Code>([^<]*)<\/Code>/.exec(text)?.[1]
  if (code === undefined) return undefined
  const message = (/<Message>([^<]*)<\/Message>/.exec(text)?.[1] ?? '').replace(/&quot;/g, '"').replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&')
  const max = /<MaxSizeAllowed>(\d+)<\/MaxSizeAllowed>/.exec(text)?.[1]
  return { code, message, ...(max === undefined ? {} : { maxSize: Number(max) }) }
}

export function isExpiredPolicy(refusal: StorageRefusal | undefined): boolean {
  return refusal?.code === 'AccessDenied' && /policy expired/i.test(refusal.message)
}

/** What storage's XML refusal means for the person uploading. */
export function storageFailure(status: number, refusal: StorageRefusal | undefined): PorterError {
  const detail = refusal === undefined ? `error ${status}` : `${refusal.code}: ${refusal.message}`
  switch (refusal?.code) {
    case 'EntityTooLarge':
      return new PorterError({ code: 'too_large', status, message: `The profile archive is larger than H Company accepts (${refusal.maxSize === undefined ? '1 GB' : formatBytes(refusal.maxSize)}).`, action: 'Clear large site data in the browser, then try again.' })
    case 'EntityTooSmall':
      return new PorterError({ code: 'invalid_input', status, message: 'The profile archive was empty.', action: 'Try again; if it keeps happening, choose another profile.' })
    case 'AccessDenied':
    case 'SignatureDoesNotMatch':
      return new PorterError({ code: 'forbidden', status, message: `H Company's storage refused the upload (${detail}).`, action: 'Try again; the upload link will be renewed.' })
    default:
      return new PorterError({ code: 'service', status, retryable: status >= 500, message: `H Company's storage refused the upload (${detail}).`, action: 'Try again in a moment.' })
  }
}
