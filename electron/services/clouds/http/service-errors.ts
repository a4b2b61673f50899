import { PorterError } from '../../../../shared/errors'
import { sentence } from '../../../../shared/format'
import { clockTime } from '../../timing/clock'

/** Turns an HTTP refusal into a plain cause and a next step; the service's own words are kept. */
export function httpFailure(service: string, status: number, serviceMessage: string | undefined, retryAfterSeconds?: number): PorterError {
  const said = serviceMessage === undefined || serviceMessage === '' ? '' : ` ${service} said: “${serviceMessage}”`
  if (status === 401) {
    return new PorterError({
      code: 'unauthorized',
      status,
      message: `${service} refused the API key.${said}`,
      action: 'Check the API key in the connection’s settings (the ⋯ button beside its name).'
    })
  }
  if (status === 403) {
    return new PorterError({
      code: 'forbidden',
      status,
      message: `${service} does not allow this.${said}`,
      action: 'Check that the API key has the permission it needs.'
    })
  }
  if (status === 407) {
    return new PorterError({
      code: 'network',
      status,
      message: `The proxy between this computer and ${service} asks for a sign-in.`,
      action: 'Check the proxy settings of this computer (or HTTPS_PROXY), then try again.'
    })
  }
  if (status === 404) {
    return new PorterError({
      code: 'not_found',
      status,
      message: `${service} could not find this profile.${said}`,
      action: 'It may have been deleted elsewhere; refresh the list.'
    })
  }
  if (status === 413) {
    return new PorterError({
      code: 'too_large',
      status,
      message: `The profile is too large for ${service}.${said}`,
      action: 'Clear large site data in the browser, then try again.'
    })
  }
  if (status === 429) {
    return new PorterError({
      code: 'rate_limited',
      status,
      retryable: true,
      ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
      message: `${service} is receiving too many requests from this computer.`,
      action:
        retryAfterSeconds === undefined
          ? 'Wait a few minutes, then try again.'
          : `Try again at ${clockTime(Date.now() + retryAfterSeconds * 1000)}.`
    })
  }
  if (status >= 500) {
    return new PorterError({
      code: 'service',
      status,
      retryable: true,
      message: `${service} had a problem (error ${status}).${said}`,
      action: 'Try again in a moment.'
    })
  }
  return new PorterError({
    code: 'invalid_input',
    status,
    message: serviceMessage === undefined ? `${service} refused the request (error ${status}).` : sentence(serviceMessage),
    action: 'Check what you entered and try again.'
  })
}

const TRANSIENT = new Set([
  'ECONNRESET',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'UND_ERR_SOCKET',
  'UND_ERR_CONNECT_TIMEOUT',
  'ECONNABORTED',
  'EHOSTUNREACH',
  'ENETUNREACH'
])

function errorCode(error: unknown): string | undefined {
  const direct = (error as { code?: unknown })?.code
  if (typeof direct === 'string') return direct
  const cause = (error as { cause?: unknown })?.cause
  return cause === undefined ? undefined : errorCode(cause)
}

/** No connection was made at all: "lost" would say there had been one. */
const UNREACHED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH'])

const UNTRUSTED = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_UNTRUSTED',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID'
])

/** A connection that dropped or never opened: worth retrying; one whose certificate is not trusted: not. */
export function networkFailure(service: string, error: unknown): PorterError {
  const code = errorCode(error)
  if (code !== undefined && UNTRUSTED.has(code)) {
    return new PorterError(
      {
        code: 'network',
        retryable: false,
        message: `The connection to ${service} is not trusted: its certificate ${code === 'CERT_HAS_EXPIRED' ? 'has expired' : code === 'ERR_TLS_CERT_ALTNAME_INVALID' ? 'is for another address' : 'comes from an authority this computer does not trust'}.`,
        action:
          "Check the address. If your organisation inspects secure traffic with its own certificate authority, have it installed in the operating system's certificate store (your IT department can help), then try again."
      },
      { cause: error }
    )
  }
  const timedOut = code === 'ETIMEDOUT' || (error as Error)?.name === 'TimeoutError'
  const unreached = code !== undefined && UNREACHED.has(code)
  return new PorterError(
    {
      code: 'network',
      retryable: code === undefined || TRANSIENT.has(code) || timedOut,
      message: timedOut
        ? `${service} did not answer in time.`
        : unreached
          ? `${service} could not be reached.`
          : `The connection to ${service} was lost.`,
      action: 'Check the internet connection, then try again.'
    },
    { cause: error }
  )
}
