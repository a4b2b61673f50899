import { isCancellation } from '../../../../shared/errors'
import { LOOK_ONLY, SITE_SCHEMA, parsedAnswer, siteFromAnswer } from '../answer-schema'
import type { SiteResult } from '../cloud-checker'
import type { SiteToCheck } from '../site-address'
import type { WebrunApi } from './webrun-api'

type Json = Record<string, unknown>
const record = (value: unknown): Json => (typeof value === 'object' && value !== null ? (value as Json) : {})

export interface TaskEnd {
  result?: SiteResult
  stopped?: 'timeout' | 'cancelled'
  tokens?: number
  usd?: number
}

/** A guardrail is the agent asking a person; what it asks for is the answer (never a password). */
function fromGuardrail(url: string, asked: string): SiteResult {
  const state = /credential|log ?in|sign ?in|password|account/i.test(asked)
    ? 'login_page'
    : /captcha|robot|human/i.test(asked)
      ? 'blocked'
      : 'unknown'
  return { url, state, evidence: `The agent stopped and asked: “${asked.slice(0, 200)}”` }
}

/** The last address WebRun recorded on the page's own host during the task: its record of where the browser was. */
function recordedUrl(data: Json, finalUrl: string | undefined): string | undefined {
  const urls = (Array.isArray(data['network']) ? (data['network'] as unknown[]) : [])
    .flatMap((entry) => (Array.isArray(record(entry)['urls']) ? (record(entry)['urls'] as unknown[]) : []))
    .map((entry) => record(entry)['url'])
    .filter((url): url is string => typeof url === 'string')
  const host = finalUrl === undefined || !URL.canParse(finalUrl) ? undefined : new URL(finalUrl).host
  return urls.filter((url) => URL.canParse(url) && new URL(url).host === host).at(-1) ?? urls.at(-1)
}

/** A finished task's answer, inline (`result: {type, data}`) or polled (`type`, `data` at the top): both shapes are documented. */
function completed(answer: Json, url: string): TaskEnd | undefined {
  const nested = record(answer['result'])
  const type = nested['type'] ?? answer['type']
  if (type !== 'task_completed') return undefined
  const data = record(nested['data'] ?? answer['data'])
  const usage = record(answer['usage'] ?? nested['usage'])
  const site = siteFromAnswer({ url, ...record(parsedAnswer(data['message'])) })
  const result: SiteResult = site ?? { url, state: 'unknown', evidence: 'The agent gave no usable answer.' }
  const recorded = recordedUrl(data, result.finalUrl)
  const tokens = Number(usage['total_tokens'] ?? data['total_tokens'])
  return {
    result: recorded === undefined ? result : { ...result, serviceRecord: recorded },
    ...(Number.isFinite(tokens) ? { tokens } : {}),
    ...(typeof usage['cost'] === 'number' ? { usd: usage['cost'] } : {})
  }
}

/**
 * Checks one site as one task of the session: started at the site itself, answered in the site
 * schema. A guardrail (credentials, a CAPTCHA) is the answer: the task is stopped, nothing is sent.
 */
export async function checkSite(
  api: WebrunApi,
  sessionId: string,
  site: SiteToCheck,
  options: { signal: AbortSignal; maxDurationMs: number; pollMs: number }
): Promise<TaskEnd> {
  const send = (message: Json, signal = options.signal) =>
    api.call('/start/send-message', { method: 'POST', body: { sessionId, message }, signal, timeoutMs: 70_000 })
  try {
    let answer = await send({
      actionType: 'newTask',
      newState: 'start',
      taskDetails: `Open ${site.url} and report whether this browser is signed in there. ${LOOK_ONLY}`,
      startingPoint: site.url,
      maxDuration: options.maxDurationMs,
      maxInputTokens: 30_000,
      maxOutputTokens: 2_000,
      outputType: 'structured_json',
      outputSchema: SITE_SCHEMA,
      terminateOnCompletion: false
    })
    const taskId = String(answer['taskId'] ?? '')
    for (;;) {
      const done = completed(answer, site.url)
      if (done !== undefined) return done
      if (answer['type'] === 'guardrail_trigger') {
        const asked = String(record(answer['data'])['value'] ?? '')
        await send({ actionType: 'guardrail', taskDetails: 'Do not sign in. Stop this task.', newState: 'stop' }).catch(() => undefined)
        return { result: fromGuardrail(site.url, asked) }
      }
      if (answer['status'] !== 'pending')
        return { result: { url: site.url, state: 'unknown', evidence: 'The task ended without an answer.' } }
      await new Promise((resolve) => setTimeout(resolve, options.pollMs))
      if (options.signal.aborted) throw options.signal.reason
      // The documented task address, never the answer's `pollUrl` as given: the API key goes nowhere else.
      answer = await api.call(`/task/${encodeURIComponent(sessionId)}/${encodeURIComponent(taskId)}`, { signal: options.signal })
    }
  } catch (error) {
    if (!isCancellation(error) && !options.signal.aborted) throw error
    return { stopped: 'cancelled' }
  }
}
