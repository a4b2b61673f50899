import type { ClientRequest } from 'node:http'

/**
 * A kept-alive connection the service closed as it went idle, just as a request went out on it
 * (its close and the request crossed): the request never reached the service. Servers close idle
 * connections on their own clock, and a reset here is a race, not an outage.
 */
export class ClosedWhileIdle extends Error {
  constructor(cause: Error) {
    super(cause.message, { cause })
  }
}

export function closedWhileIdle(req: ClientRequest, error: NodeJS.ErrnoException, answered: boolean): boolean {
  return req.reusedSocket && !answered && (error.code === 'ECONNRESET' || error.code === 'EPIPE')
}

/** Methods that mean the same sent twice (RFC 9110 §9.2.2): such a request goes again, once, on a new connection. */
const IDEMPOTENT = new Set(['GET', 'HEAD', 'PUT', 'DELETE', 'OPTIONS'])

export function sendsAgain(method: string): boolean {
  return IDEMPOTENT.has(method.toUpperCase())
}
