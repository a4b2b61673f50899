import { requestJson } from '../../clouds/http/json-request'
import { WEBRUN } from '../../clouds/webrun/webrun-service'
import type { Network } from '../../net/network'

type Json = Record<string, unknown>

export interface WebrunApi {
  /** A JSON call on WebRun's session API; a refusal throws, its `code` and words kept for the check's messages. */
  call(path: string, init?: { method?: string; body?: unknown; signal?: AbortSignal; timeoutMs?: number }): Promise<Json>
  /** The last refusal's `{error, code}`. */
  refusal(): { error?: string; code?: string }
}

export function webrunApi(options: { baseUrl: string; apiKey: string; network: Network }): WebrunApi {
  const base = options.baseUrl.replace(/\/+$/, '')
  let refusal: { error?: string; code?: string } = {}
  return {
    async call(path, init = {}) {
      refusal = {}
      const answer = await requestJson(path.startsWith('http') ? path : `${base}${path}`, {
        service: WEBRUN,
        network: options.network,
        headers: { authorization: `Bearer ${options.apiKey}` },
        errorMessage: (body) => {
          const record = (typeof body === 'object' && body !== null ? body : {}) as Json
          refusal = {
            ...(typeof record['error'] === 'string' ? { error: record['error'] } : {}),
            ...(typeof record['code'] === 'string' ? { code: record['code'] } : {})
          }
          return refusal.error
        },
        ...init
      })
      return (typeof answer.data === 'object' && answer.data !== null ? answer.data : {}) as Json
    },
    refusal: () => refusal
  }
}
