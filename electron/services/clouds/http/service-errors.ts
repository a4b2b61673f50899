import { PorterError } from '../../../../shared/errors'

/** Turns an HTTP refusal into a plain cause and a next step; the service's own words are kept. */
export function httpFailure(service: string, status: number, serviceMessage: string | undefined, retryAfterSeconds?: number): PorterError {
  const said = serviceMessage === undefined || serviceMessage === '' ? '' : ` ${service} said: “${serviceMessage}”`
  if (status === 401) {
    return new PorterError({ code: 'unauthorized', status, message: `${service} refused the API key.${said}`, action: 'Check the API key in the connection settings.' })
  }
  if (status === 403) {
    return new PorterError({ code: 'forbidden', status, message: `${service} does not allow this.${said}`, action: 'Check that the API key has the permission it needs.' })
  }
  if (status === 404) {
    return new PorterError({ code: 'not_found', status, message: `${service} could not find this profile.${said}`, action: 'It may have been deleted elsewhere; refresh the list.' })
  }
  if (status === 413) {
    return new PorterError({ code: 'too_large', status, message: `The profile is too large for ${service}.${said}`, action: 'Clear large site data in the browser, then try again.' })
  }
  if (status === 429) {
    return new PorterError({
      code: 'rate_limited',
      status,
      retryable: true,
      ...(retryAfterSeconds === undefined ? {} : { retryAfterSeconds }),
      message: `${service} is receiving too many requests from this computer.`,
      action: retryAfterSeconds === undefined ? 'Wait a few minutes, then try again.' : `Try again in ${Math.ceil(retryAfterSeconds / 60)} minute(s).`
    })
  }
  if (status >= 500) {
    return new PorterError({ code: 'service', status, retryable: true, message: `${service} had a problem (error ${status}).${said}`, action: 'Try again in a moment.' })
  }
  return new PorterError({ code: 'invalid_input', status, message: serviceMessage ?? `${service} refused the request (error ${status}).`, action: 'Check what you entered and try again.' })
}

const TRANSIENT = new Set(['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'ECONNABORTED', 'EHOSTUNREACH', 'ENETUNREACH'])

function errorCode(error: unknown): string | undefined {
  const direct = (error as { code?: unknown })?.code
  if (typeof direct === 'string') return direct
  const cause = (error as { cause?: unknown })?.cause
  return cause === undefined ? undefined : errorCode(cause)
}

/** A connection that dropped or never opened: worth retrying. */
export function networkFailure(service: string, error: unknown): PorterError {
  const code = errorCode(error)
  const timedOut = code === 'ETIMEDOUT' || (error as Error)?.name === 'TimeoutError'
  return new PorterError(
    {
      code: 'network',
      retryable: code === undefined || TRANSIENT.has(code) || timedOut,
      message: timedOut ? `${service} did not answer in time.` : `The connection to ${service} was lost.`,
      action: 'Check the internet connection; Profile Porter retries on its own.'
    },
    { cause: error }
  )
}
