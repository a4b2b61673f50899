import type { IncomingHttpHeaders } from 'node:http'
import { PorterError, cancelled } from '../../../../shared/errors'
import type { Network } from '../../net/network'
import { ClosedWhileIdle, closedWhileIdle, sendsAgain } from './closed-while-idle'
import { httpFailure, networkFailure } from './service-errors'

export interface JsonRequest {
  service: string
  network: Network
  method?: string
  headers?: Record<string, string>
  body?: unknown
  signal?: AbortSignal
  timeoutMs?: number
  /** Reads the service's own error message from its error body. */
  errorMessage?: (body: unknown) => string | undefined
}

export interface JsonResponse {
  status: number
  headers: IncomingHttpHeaders
  data: unknown
}

/** JSON answers are small (a page of profiles); more than this is not an answer of the service. */
const MAX_ANSWER_BYTES = 16 * 1024 * 1024

export function retryAfterSeconds(value: string | string[] | undefined, now = Date.now()): number | undefined {
  const text = Array.isArray(value) ? value[0] : value
  if (text === undefined || text.trim() === '') return undefined
  const seconds = Number(text)
  if (Number.isFinite(seconds)) return Math.max(0, seconds)
  const date = Date.parse(text)
  return Number.isNaN(date) ? undefined : Math.max(0, (date - now) / 1000)
}

/** One request with a small body and a small answer, through the network's proxy and certificates. */
function exchange(
  network: Network,
  url: URL,
  request: JsonRequest,
  body: Buffer | undefined
): Promise<{ status: number; headers: IncomingHttpHeaders; text: string }> {
  return new Promise((resolve, reject) => {
    const headers = {
      accept: 'application/json',
      ...(body === undefined ? {} : { 'content-type': 'application/json', 'content-length': String(body.length) }),
      ...request.headers
    }
    void network.request(url, { method: request.method ?? 'GET', headers }).then((req) => {
      const fail = (error: Error) => {
        clearTimeout(timer)
        request.signal?.removeEventListener('abort', onAbort)
        req.destroy()
        reject(error)
      }
      const timer = setTimeout(
        () => fail(Object.assign(new Error('The service did not answer in time.'), { code: 'ETIMEDOUT' })),
        request.timeoutMs ?? 30_000
      )
      let answered = false
      req.on('error', (error) => fail(closedWhileIdle(req, error, answered) ? new ClosedWhileIdle(error) : error))
      const onAbort = () => fail(cancelled())
      if (request.signal?.aborted === true) return onAbort()
      request.signal?.addEventListener('abort', onAbort, { once: true })
      req.on('response', (response) => {
        answered = true
        const chunks: Buffer[] = []
        let size = 0
        response.on('data', (chunk: Buffer) => {
          size += chunk.length
          if (size > MAX_ANSWER_BYTES) return fail(Object.assign(new Error('The answer was far larger than expected.'), { code: 'EPROTO' }))
          chunks.push(chunk)
        })
        response.on('error', fail)
        response.on('end', () => {
          clearTimeout(timer)
          request.signal?.removeEventListener('abort', onAbort)
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') })
        })
      })
      req.end(body)
    }, reject)
  })
}

/** A JSON call that fails as a PorterError: refusals by status, lost connections as retryable. */
export async function requestJson(url: string, request: JsonRequest): Promise<JsonResponse> {
  const body = request.body === undefined ? undefined : Buffer.from(JSON.stringify(request.body))
  let answer: Awaited<ReturnType<typeof exchange>>
  const send = () => exchange(request.network, new URL(url), request, body)
  try {
    answer = await send().catch((error: unknown) => {
      if (error instanceof ClosedWhileIdle && sendsAgain(request.method ?? 'GET')) return send()
      throw error instanceof ClosedWhileIdle ? error.cause : error
    })
  } catch (error) {
    if (request.signal?.aborted === true) throw cancelled()
    throw networkFailure(request.service, error)
  }
  let data: unknown = undefined
  if (answer.text !== '') {
    try {
      data = JSON.parse(answer.text)
    } catch {
      data = answer.text
    }
  }
  if (answer.status < 200 || answer.status >= 300) {
    throw httpFailure(request.service, answer.status, request.errorMessage?.(data), retryAfterSeconds(answer.headers['retry-after']))
  }
  return { status: answer.status, headers: answer.headers, data }
}

export function expectObject(data: unknown, service: string): Record<string, unknown> {
  if (typeof data === 'object' && data !== null && !Array.isArray(data)) return data as Record<string, unknown>
  throw new PorterError({
    code: 'service',
    retryable: true,
    message: `${service} sent an answer Profile Porter did not understand.`,
    action: 'Try again in a moment.'
  })
}
