/**
 * The one place secrets are taken out of anything that is written down: the log file, the report for
 * IT, the errors the log keeps. It is applied to every line, so it errs on the side of hiding.
 */

const HIDDEN = '[redacted]'

/** Fields whose value is a secret wherever they appear: headers, JSON, forms, query strings. */
const SECRET_FIELDS = [
  'authorization',
  'proxy-authorization',
  'cookie',
  'set-cookie',
  'value',
  'encrypted_value',
  'api[-_]?key',
  'x-api-key',
  'token',
  'access_token',
  'refresh_token',
  'id_token',
  'secret',
  'password',
  'policy',
  'signature',
  'x-amz-signature',
  'x-amz-credential',
  'x-amz-security-token'
]
const SECRET_KEY = new RegExp(`^(${SECRET_FIELDS.join('|')}|apiKey|cookies|upload_fields|key)$`, 'i')
const FIELD = `(?:${SECRET_FIELDS.join('|')})`
const HEADER = '(?:authorization|proxy-authorization|cookie|set-cookie|x-api-key|x-amz-signature|x-amz-credential|x-amz-security-token)'

/** [pattern, replacement] in order: whole headers first, then fields, then the shapes of keys themselves. */
const TEXT_RULES: Array<[RegExp, string]> = [
  // Header lines: `Authorization: Bearer …`, `Cookie: a=b; c=d`, `x-amz-signature: …`.
  [new RegExp(`\\b(${HEADER})(\\s*:\\s*)[^\\r\\n]+`, 'gi'), `$1$2${HIDDEN}`],
  // JSON: `"policy": "…"`, `"value":"…"`.
  [new RegExp(`("${FIELD}"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, 'gi'), `$1"${HIDDEN}"`],
  // Forms, query strings, `key=value` logs.
  [new RegExp(`\\b(${FIELD})=[^&\\s"';,]+`, 'gi'), `$1=${HIDDEN}`],
  // Multipart form fields: `name="policy"` and, after the blank line, the value.
  [new RegExp(`(name="${FIELD}"(?:\\r?\\n)+)[^\\r\\n]*`, 'gi'), `$1${HIDDEN}`],
  // Whatever the field was called: a URL's query and fragment, and credentials in it.
  [/(\b[a-z][\w+.-]*:\/\/)[^\s/@"'<>]+@/gi, `$1${HIDDEN}@`],
  [/\?[^\s"'<>#]*=[^\s"'<>]*/g, `?${HIDDEN}`],
  [/\b(Bearer|Basic)\s+[\w\-.~+/]+=*/gi, `$1 ${HIDDEN}`],
  // H Company keys (`hk-…`), WebRun keys (`enig_…`), AWS access key ids, JSON Web Tokens.
  [/\bhk-[A-Za-z0-9][\w-]{3,}/g, `hk-${HIDDEN}`],
  [/\benig_[\w-]+/g, `enig_${HIDDEN}`],
  [/\b(AKIA|ASIA)[A-Z0-9]{12,}/g, HIDDEN],
  [/\beyJ[\w-]{4,}\.[\w-]{4,}\.[\w-]*/g, HIDDEN],
  // Netscape cookies.txt lines: domain, flag, path, secure, expiry, name, then the value.
  [/^([^\t\n]*\t(?:TRUE|FALSE)\t[^\t\n]*\t(?:TRUE|FALSE)\t-?\d+\t[^\t\n]*\t)[^\n]*$/gim, `$1${HIDDEN}`]
]

function redactText(text: string): string {
  return TEXT_RULES.reduce((current, [pattern, replacement]) => current.replace(pattern, replacement), text)
}

function redactError(error: Error, seen: WeakSet<object>): Error {
  const copy = new Error(redactText(error.message))
  copy.name = error.name
  copy.stack = error.stack === undefined ? undefined : redactText(error.stack)
  for (const [name, value] of Object.entries(error)) {
    ;(copy as unknown as Record<string, unknown>)[name] = SECRET_KEY.test(name) ? HIDDEN : walk(value, seen)
  }
  if (error.cause !== undefined) copy.cause = walk(error.cause, seen)
  return copy
}

function walk(value: unknown, seen: WeakSet<object>): unknown {
  if (typeof value === 'string') return redactText(value)
  if (typeof value !== 'object' || value === null) return value
  if (seen.has(value)) return '[circular]'
  seen.add(value)
  if (value instanceof Error) return redactError(value, seen)
  if (ArrayBuffer.isView(value)) return `[${value.byteLength} bytes]`
  if (Array.isArray(value)) return value.map((item) => walk(item, seen))
  if (value instanceof Map) return walk(Object.fromEntries(value), seen)
  if (value instanceof Set) return walk([...value], seen)
  return Object.fromEntries(
    Object.entries(value).map(([name, inner]) => [
      name,
      SECRET_KEY.test(name) && inner !== null && typeof inner !== 'boolean' && typeof inner !== 'number' ? HIDDEN : walk(inner, seen)
    ])
  )
}

/**
 * The same value with every secret we handle replaced by `[redacted]`: API keys of both services,
 * bearer and cookie headers, cookie values, presigned POST fields, tokens, URL queries. Strings,
 * errors (message, stack, cause, own fields) and plain objects and arrays, at any depth.
 */
export function redact<T>(value: T): T {
  return walk(value, new WeakSet()) as T
}
