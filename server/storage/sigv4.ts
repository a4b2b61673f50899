import { createHmac, timingSafeEqual } from 'node:crypto'

export const ACCESS_KEY_ID = 'AKIAREFERENCECLOUD01'
export const REGION = 'eu-west-1'

function hmac(key: Buffer | string, data: string): Buffer {
  return createHmac('sha256', key).update(data).digest()
}

/** AWS SigV4 signing key: HMAC chain over date, region, service and "aws4_request". */
function signingKey(secret: string, yyyymmdd: string, region = REGION): Buffer {
  return hmac(hmac(hmac(hmac(`AWS4${secret}`, yyyymmdd), region), 's3'), 'aws4_request')
}

/** The x-amz-signature of a presigned POST: HMAC-SHA256 of the base64 policy. */
export function signPolicy(secret: string, yyyymmdd: string, base64Policy: string, region = REGION): string {
  return hmac(signingKey(secret, yyyymmdd, region), base64Policy).toString('hex')
}

export function signaturesMatch(a: string, b: string): boolean {
  const left = Buffer.from(a)
  const right = Buffer.from(b)
  return left.length === right.length && timingSafeEqual(left, right)
}

/** `20260206T000000Z` and `20260206` for a moment. */
export function amzDate(moment: Date): { dateTime: string; date: string } {
  const dateTime = moment
    .toISOString()
    .replace(/[-:]/g, '')
    .replace(/\.\d{3}/, '')
  return { dateTime, date: dateTime.slice(0, 8) }
}
