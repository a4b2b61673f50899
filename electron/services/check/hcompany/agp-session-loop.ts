import { isCancellation } from '../../../../shared/errors'
import type { SessionHooks } from '../cloud-checker'
import type { AgpApi } from './agp-api'
import { newsOf, tokensOf } from './agp-events'

export const TERMINAL = new Set(['completed', 'failed', 'timed_out', 'interrupted'])
/** Idle: the agent answered and waits for more (only with an idle timeout); the check has what it needs. */
const ANSWERED = new Set([...TERMINAL, 'idle'])
type Json = Record<string, unknown>

export interface LoopEnd {
  status: string
  stopped?: 'timeout' | 'cancelled'
  /** Where the service's browser was after each site it opened. */
  observed: Map<string, string>
  tokens?: number
  errorCode?: string
  error?: string
}

/**
 * Follows a session until it ends, as H Company's own SDK does: long-poll `/changes` for events,
 * read `/status` for the state. The person's Stop ends it at once; running out of time (or no
 * news for too long) first asks for an answer with what was seen, then ends it.
 */
export async function followSession(api: AgpApi, id: string, hooks: SessionHooks): Promise<LoopEnd> {
  const path = `/sessions/${encodeURIComponent(id)}`
  const end: LoopEnd = { status: 'pending', observed: new Map() }
  let from = 0
  // "No progress" counts from the last site the service looked at: the first page, in a browser
  // just started, is bounded by the overall deadline alone.
  let lastNews: number | undefined
  let opening: string | undefined
  const outOfTime = () => hooks.now() >= hooks.deadline || (lastNews !== undefined && hooks.now() - lastNews >= hooks.stallMs)
  const limit = new AbortController()
  const timer = setInterval(() => outOfTime() && limit.abort(), 250)
  const signal = AbortSignal.any([hooks.signal, limit.signal])
  try {
    while (!ANSWERED.has(end.status)) {
      if (hooks.signal.aborted) return { ...end, stopped: 'cancelled' }
      if (limit.signal.aborted) break
      try {
        const wait = Math.max(0, Math.min(10, Math.floor((hooks.deadline - hooks.now()) / 1000)))
        const changes = await api.call(`${path}/changes?from_index=${from}&wait_for_seconds=${wait}`, {
          signal,
          timeoutMs: (wait + 20) * 1000
        })
        const events = ((changes.data as Json | undefined)?.['new_events'] as unknown[] | undefined) ?? []
        from += events.length
        for (const event of events) {
          const news = newsOf(event)
          if (news.liveViewUrl !== undefined) hooks.liveView(news.liveViewUrl)
          if (news.opening !== undefined) {
            opening = news.opening
            hooks.opening(news.opening)
          }
          if (news.observedUrl !== undefined && opening !== undefined) {
            end.observed.set(opening, news.observedUrl)
            lastNews = hooks.now()
          }
        }
        const status = (await api.call(`${path}/status`, { signal })).data as Json
        end.status = String(status['status'])
        end.tokens = tokensOf(status) ?? end.tokens
        if (typeof status['error_code'] === 'string') end.errorCode = status['error_code']
        if (typeof status['error'] === 'string') end.error = status['error']
      } catch (error) {
        if (!isCancellation(error)) throw error
      }
    }
    if (ANSWERED.has(end.status)) return end
    return await forcedAnswer(api, path, end, hooks)
  } finally {
    clearInterval(timer)
  }
}

/** Out of time: "emit a final answer on its next step", then wait a little for it. */
async function forcedAnswer(api: AgpApi, path: string, end: LoopEnd, hooks: SessionHooks): Promise<LoopEnd> {
  const stopped = { ...end, stopped: 'timeout' as const }
  await api.call(`${path}/force_answer`, { method: 'POST', signal: hooks.signal }).catch(() => undefined)
  const until = hooks.now() + 15_000
  while (hooks.now() < until && !hooks.signal.aborted) {
    const status = (await api.call(`${path}/status`, { signal: hooks.signal }).catch(() => undefined))?.data as Json | undefined
    if (status !== undefined) {
      stopped.status = String(status['status'])
      stopped.tokens = tokensOf(status) ?? stopped.tokens
      if (ANSWERED.has(stopped.status)) return stopped
    }
    await new Promise((resolve) => setTimeout(resolve, 1000))
  }
  return stopped
}
