import { hcompanyErrorMessage } from '../../clouds/hcompany/error-message'
import { HCOMPANY } from '../../clouds/hcompany/hcompany-service'
import { requestJson } from '../../clouds/http/json-request'
import type { Network } from '../../net/network'

export interface AgpApi {
  /** A JSON call under `/api/v2`; a refusal throws a PorterError, the service's own words kept in `said`. */
  call(
    path: string,
    init?: { method?: string; body?: unknown; headers?: Record<string, string>; signal?: AbortSignal; timeoutMs?: number }
  ): Promise<{ status: number; data: unknown }>
  said(): string | undefined
}

export function agpApi(options: { baseUrl: string; apiKey: string; network: Network }): AgpApi {
  const base = `${options.baseUrl.replace(/\/+$/, '')}/api/v2`
  let said: string | undefined
  return {
    async call(path, init = {}) {
      said = undefined
      const { headers, ...rest } = init
      const answer = await requestJson(`${base}${path}`, {
        service: HCOMPANY,
        network: options.network,
        headers: { authorization: `Bearer ${options.apiKey}`, ...headers },
        errorMessage: (body) => (said = hcompanyErrorMessage(body)),
        ...rest
      })
      return { status: answer.status, data: answer.data }
    },
    said: () => said
  }
}
