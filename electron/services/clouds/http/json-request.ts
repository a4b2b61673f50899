import { PorterError, cancelled } from '../../../../shared/errors'
import { httpFailure, networkFailure } from './service-errors'

export interface JsonRequest {
  service: string
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
  headers: Headers
  data: unknown
}

function retryAfter(headers: Headers): number | undefined {
  const value = headers.get('retry-after')
  if (value === null) return undefined
  const seconds = Number(value)
  if (Number.isFinite(seconds)) return Math.max(0, seconds)
  const date = Date.parse(value)
  return Number.isNaN(date) ? undefined : Math.max(0, (date - Date.now()) / 1000)
}

/** A JSON call that fails as a PorterError: refusals by status, lost connections as retryable. */
export async function requestJson(url: string, request: JsonRequest): Promise<JsonResponse> {
  const timeout = AbortSignal.timeout(request.timeoutMs ?? 30_000)
  const signal = request.signal === undefined ? timeout : AbortSignal.any([request.signal, timeout])
  let response: Response
  try {
    response = await fetch(url, {
      method: request.method ?? 'GET',
      headers: { accept: 'application/json', ...(request.body === undefined ? {} : { 'content-type': 'application/json' }), ...request.headers },
      ...(request.body === undefined ? {} : { body: JSON.stringify(request.body) }),
      signal
    })
  } catch (error) {
    if (request.signal?.aborted === true) throw cancelled()
    throw networkFailure(request.service, error)
  }
  const text = await response.text().catch(() => '')
  let data: unknown = undefined
  if (text !== '') {
    try {
      data = JSON.parse(text)
    } catch {
      data = text
    }
  }
  if (!response.ok) throw httpFailure(request.service, response.status, request.errorMessage?.(data), retryAfter(response.headers))
  return { status: response.status, headers: response.headers, data }
}

export function expectObject(data: unknown, service: string): Record<string, unknown> {
  if (typeof data === 'object' && data !== null && !Array.isArray(data)) return data as Record<string, unknown>
  throw new PorterError({ code: 'service', retryable: true, message: `${service} sent an answer Profile Porter did not understand.`, action: 'Try again in a moment.' })
}
