import { randomUUID } from 'node:crypto'
import { PorterError, isCancellation } from '../../../../shared/errors'
import { HCOMPANY } from '../../clouds/hcompany/hcompany-service'
import type { ProfileService } from '../../clouds/profile-service'
import type { Network } from '../../net/network'
import { parsedAnswer, siteFromAnswer } from '../answer-schema'
import type { CloudChecker, SessionOutcome, SiteResult } from '../cloud-checker'
import { keepWithReadOnlySession } from './read-only-session'
import { agpApi } from './agp-api'
import { createRefusal, noTokens, sessionFailure, sessionsBusy } from './agp-errors'
import { TERMINAL, followSession } from './agp-session-loop'
import { sessionRequest } from './agp-request'

type Json = Record<string, unknown>

/** The check at H Company's Agent Platform: one session with an inline look-only agent, the profile loaded read-only. */
export function createHcompanyChecker(options: {
  baseUrl: string
  apiKey: string
  network: Network
  profiles: ProfileService
}): CloudChecker {
  const api = agpApi(options)
  const read = async (path: string) => (await api.call(path).catch(() => undefined))?.data as Json | undefined

  /** Ends a session; one that is gone or over already counts as ended. */
  async function end(id: string): Promise<boolean> {
    try {
      await api.call(`/sessions/${encodeURIComponent(id)}`, { method: 'DELETE', timeoutMs: 15_000 })
      return true
    } catch (error) {
      return error instanceof PorterError && (error.status === 404 || error.status === 409)
    }
  }

  async function create(body: unknown, signal: AbortSignal): Promise<Json> {
    // A retry after a lost answer sends the same key: the service hands back the first session, never a second.
    const headers = { 'idempotency-key': `porter-check-${randomUUID()}` }
    for (let attempt = 1; ; attempt++) {
      try {
        return (await api.call('/sessions', { method: 'POST', body, headers, signal, timeoutMs: 60_000 })).data as Json
      } catch (error) {
        if (attempt < 2 && error instanceof PorterError && error.code === 'network' && !signal.aborted) continue
        const said = api.said()
        const quota = error instanceof PorterError && error.status === 429 ? await read('/sessions/quota') : undefined
        throw createRefusal(error, said, typeof quota?.['limit'] === 'number' ? quota['limit'] : undefined)
      }
    }
  }

  return {
    kind: 'hcompany',
    serviceName: HCOMPANY,

    async allowance() {
      const [quota, sessions] = await Promise.all([read('/quota/tokens'), read('/sessions/quota')])
      const lines: string[] = []
      let blocked: PorterError | undefined
      if (typeof quota?.['remaining'] === 'number') {
        // Made here, not when the module loads: it loads ICU's data, which took a Node process's peak from 45.9 to 59.4 MB.
        const tokens = new Intl.NumberFormat('en')
        const limit = typeof quota['limit'] === 'number' ? ` of ${tokens.format(quota['limit'])}` : ''
        lines.push(`Tokens left this period: ${tokens.format(quota['remaining'])}${limit}.`)
        if (quota['remaining'] <= 0) blocked = noTokens(typeof quota['window_end'] === 'string' ? quota['window_end'] : undefined)
      } else lines.push(`${HCOMPANY} did not say how many tokens are left.`)
      if (typeof sessions?.['available'] === 'number' && typeof sessions['limit'] === 'number') {
        lines.push(`Sessions free now: ${sessions['available']} of ${sessions['limit']}.`)
        if (sessions['available'] <= 0) blocked ??= sessionsBusy(sessions['limit'])
      }
      return { lines, ...(blocked === undefined ? {} : { blocked }) }
    },

    readOnlyPlan: async () =>
      `Your profile is loaded read-only (persist_browser_profile: false): the check does not change it. Its checksum and size at ${HCOMPANY} are compared before and after.`,

    keepUnchanged: (profileId) => keepWithReadOnlySession(options.profiles, profileId, HCOMPANY),

    async runSession(profileId, sites, hooks): Promise<SessionOutcome> {
      const startedMs = hooks.now()
      const body = sessionRequest(profileId, sites, (hooks.deadline - hooks.now()) / 1000)
      const created = await create(body, hooks.signal)
      const id = String(created['id'])
      let status = String((created['status'] as Json | undefined)?.['status'] ?? 'pending')
      let ended: boolean
      const outcome: SessionOutcome = { sessionId: id, ended: false, usage: {} }
      try {
        await hooks.started({ id, ...(typeof created['agent_view_url'] === 'string' ? { liveViewUrl: created['agent_view_url'] } : {}) })
        const loop = await followSession(api, id, hooks)
        status = loop.status
        if (loop.tokens !== undefined) outcome.usage.tokens = loop.tokens
        if (loop.stopped !== undefined) outcome.stopped = loop.stopped
        const session = TERMINAL.has(status) || status === 'idle' ? await read(`/sessions/${encodeURIComponent(id)}`) : undefined
        const answered = parsedAnswer(session?.['latest_answer'])
        const reported = Array.isArray((answered as Json | undefined)?.['sites']) ? ((answered as Json)['sites'] as unknown[]) : []
        const results = reported.map(siteFromAnswer).filter((site): site is SiteResult => site !== undefined)
        for (const result of results) {
          const observed = loop.observed.get(result.url)
          hooks.result(observed === undefined ? result : { ...result, serviceRecord: observed })
        }
        if (status === 'failed' && loop.stopped === undefined) outcome.error = sessionFailure(loop.errorCode, loop.error)
        if (status === 'timed_out') outcome.stopped = 'timeout'
      } catch (error) {
        if (isCancellation(error)) outcome.stopped = 'cancelled'
        else outcome.error = error instanceof PorterError ? error : sessionFailure(undefined, undefined)
      } finally {
        // Always ended: on Stop, on a timeout, on any failure; a session over already needs nothing.
        ended = TERMINAL.has(status) || (await end(id))
      }
      return { ...outcome, ended, seconds: Math.round((hooks.now() - startedMs) / 1000) }
    },

    endSession: async (id) => void (await end(id))
  }
}
