import { PorterError } from '../../../../shared/errors'

const MASK = '••••'
/** A run this long copied from a key gives most of it away: masked too, wherever it appears. */
const SHORTEST_PART = 12

/**
 * A message with every secret hidden: the whole key, its URL-encoded and base64 forms, and any
 * long run of it (a service that echoes the key it refused, or cuts it short).
 */
function maskSecrets(text: string, secrets: string[]): string {
  let masked = text
  for (const secret of secrets.filter((candidate) => candidate.length >= 6)) {
    for (const form of [secret, encodeURIComponent(secret), Buffer.from(secret).toString('base64')]) masked = masked.split(form).join(MASK)
    for (let length = secret.length - 1; length >= SHORTEST_PART; length--) {
      for (let start = 0; start + length <= secret.length; start++) {
        const part = secret.slice(start, start + length)
        if (masked.includes(part)) masked = masked.split(part).join(MASK)
      }
    }
  }
  return masked
}

/** The same error with its secrets hidden from its message and next step. */
export function maskedError(error: unknown, secrets: string[]): unknown {
  if (error instanceof PorterError) {
    const data = error.toData()
    return new PorterError(
      {
        ...data,
        message: maskSecrets(data.message, secrets),
        ...(data.action === undefined ? {} : { action: maskSecrets(data.action, secrets) })
      },
      { cause: error }
    )
  }
  if (error instanceof Error) error.message = maskSecrets(error.message, secrets)
  return error
}

/**
 * A service whose every failure is told with its secrets hidden: whatever words of the service an
 * error carries to the window, the CLI or a log, the API key is not among them.
 */
export function withSecretsMasked<T extends object>(service: T, secrets: string[]): T {
  return new Proxy(service, {
    get(target, property, receiver) {
      const value: unknown = Reflect.get(target, property, receiver)
      if (typeof value !== 'function') return value
      return (...args: unknown[]) => {
        try {
          const result: unknown = value.apply(target, args)
          return result instanceof Promise ? result.catch((error: unknown) => Promise.reject(maskedError(error, secrets))) : result
        } catch (error) {
          throw maskedError(error, secrets)
        }
      }
    }
  })
}
