import { ACCESS_KEY_ID, REGION, amzDate, signPolicy, signaturesMatch } from './sigv4'
import { S3Error, policyFailed } from './s3-error'

type Condition = Record<string, string> | [string, ...Array<string | number>]

interface PostPolicy {
  expiration: string
  conditions: Condition[]
}

export interface PresignedPost {
  fields: Record<string, string>
  expiresIn: number
}

/**
 * Builds the presigned POST a storage service would hand out: every field pinned by the policy,
 * a size range, and a SigV4 signature with a secret only the server knows.
 */
export function presignPost(options: {
  secret: string
  bucket: string
  key: string
  contentType: string
  tagging: string
  maxBytes: number
  expiresIn: number
  now: Date
}): PresignedPost {
  const { dateTime, date } = amzDate(options.now)
  const credential = `${ACCESS_KEY_ID}/${date}/${REGION}/s3/aws4_request`
  const signed: Record<string, string> = {
    key: options.key,
    'Content-Type': options.contentType,
    'x-amz-checksum-algorithm': 'SHA256',
    tagging: options.tagging,
    bucket: options.bucket
  }
  const amz = { 'x-amz-algorithm': 'AWS4-HMAC-SHA256', 'x-amz-credential': credential, 'x-amz-date': dateTime }
  const policy: PostPolicy = {
    expiration: new Date(options.now.getTime() + options.expiresIn * 1000).toISOString(),
    conditions: [
      { bucket: options.bucket },
      ['eq', '$key', options.key],
      { 'Content-Type': options.contentType },
      { 'x-amz-checksum-algorithm': 'SHA256' },
      { tagging: options.tagging },
      { 'x-amz-algorithm': amz['x-amz-algorithm'] },
      { 'x-amz-credential': credential },
      { 'x-amz-date': dateTime },
      ['content-length-range', 1, options.maxBytes]
    ]
  }
  const encoded = Buffer.from(JSON.stringify(policy)).toString('base64')
  return {
    fields: { ...signed, policy: encoded, ...amz, 'x-amz-signature': signPolicy(options.secret, date, encoded) },
    expiresIn: options.expiresIn
  }
}

const UNSIGNED = new Set(['x-amz-signature', 'policy', 'file'])

/**
 * Checks a POST's fields the way S3 does: signature over the policy, expiry, every condition,
 * and no field the policy does not cover. Returns the allowed size range for the file.
 */
export function verifyPost(fields: Map<string, string>, bucket: string, secret: string, now: Date): { min: number; max: number } {
  // S3 matches form field names without regard to case ("Policy" and "policy" are the same field).
  const values = new Map([...fields].map(([name, value]) => [name.toLowerCase(), value]))
  const encoded = values.get('policy')
  const signature = values.get('x-amz-signature')
  const credential = values.get('x-amz-credential')
  if (encoded === undefined) {
    throw new S3Error(
      400,
      'InvalidArgument',
      "Bucket POST must contain a field named 'policy'. If it is specified, please check the order of the fields."
    )
  }
  if (signature === undefined || credential === undefined) {
    throw new S3Error(400, 'InvalidArgument', "Bucket POST must contain fields named 'x-amz-signature' and 'x-amz-credential'.")
  }
  const [accessKey, date, region] = credential.split('/')
  if (accessKey !== ACCESS_KEY_ID || date === undefined || region === undefined) {
    throw new S3Error(403, 'InvalidAccessKeyId', 'The AWS Access Key Id you provided does not exist in our records.')
  }
  if (!signaturesMatch(signPolicy(secret, date, encoded, region), signature)) {
    throw new S3Error(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided. Check your key and signing method.'
    )
  }
  let policy: PostPolicy
  try {
    policy = JSON.parse(Buffer.from(encoded, 'base64').toString('utf8')) as PostPolicy
  } catch {
    throw new S3Error(400, 'InvalidPolicyDocument', 'Invalid Policy: Invalid JSON.')
  }
  const expiration = Date.parse(policy.expiration)
  if (Number.isNaN(expiration)) throw new S3Error(400, 'InvalidPolicyDocument', "Invalid Policy: Invalid 'expiration' value.")
  if (expiration <= now.getTime()) throw policyFailed('Policy expired.')

  if (!values.has('bucket')) values.set('bucket', bucket)
  const covered = new Set<string>(['bucket'])
  let range = { min: 0, max: Number.MAX_SAFE_INTEGER }
  for (const condition of policy.conditions) {
    const [operator, field, expected] = Array.isArray(condition)
      ? condition
      : ['eq', `$${Object.keys(condition)[0]}`, Object.values(condition)[0]]
    if (operator === 'content-length-range') {
      range = { min: Number(field), max: Number(expected) }
      continue
    }
    const name = String(field).replace(/^\$/, '').toLowerCase()
    covered.add(name)
    const actual = values.get(name) ?? ''
    const ok = operator === 'eq' ? actual === expected : operator === 'starts-with' && actual.startsWith(String(expected))
    if (!ok) throw policyFailed(`Policy Condition failed: ${JSON.stringify([operator, field, expected]).replace(/,/g, ', ')}`)
  }
  if (values.get('bucket') !== bucket) throw policyFailed(`Policy Condition failed: ["eq", "$bucket", "${bucket}"]`)
  const extra = [...values.keys()].filter((name) => !covered.has(name) && !UNSIGNED.has(name) && !name.startsWith('x-ignore-'))
  if (extra.length > 0) throw policyFailed(`Extra input fields: ${extra.join(', ')}`)
  return range
}
