import type { CloudBrowser, Look } from '../cloud-browser/cloud-browser'
import { isoSeconds } from '../http/ids'
import type { SessionSettings } from '../sessions/session-settings'
import { TERMINAL, changed, emit, nextChange, type AgpSession, type TrajectoryStatus } from './session-record'

export interface RunDeps {
  settings: SessionSettings
  now: () => number
  /** Launches the cloud browser on the profile's stored archive (undefined: no browser free, or none at all). */
  openBrowser(profileId: string | undefined): Promise<CloudBrowser | undefined>
  /** The profile was loaded: the service counts a use. */
  used(profileId: string): Promise<void>
  /** Saves the browser's final state into the profile (only for sessions that asked to persist). */
  keep(profileId: string, packed: string): Promise<void>
  ended(session: AgpSession): void
}

function finish(session: AgpSession, status: TrajectoryStatus, failure?: { code: string; message: string }): void {
  if (TERMINAL.has(session.status)) return
  session.status = status
  session.finishedAt = new Date().toISOString()
  if (failure !== undefined) {
    session.error = failure.message
    session.errorCode = failure.code
  }
  changed(session)
}

function step(session: AgpSession, settings: SessionSettings): void {
  session.steps += 1
  const input = Math.round(settings.tokensPerStep * 0.8)
  session.inputTokens += input
  session.outputTokens += settings.tokensPerStep - input
  settings.tokensUsed += settings.tokensPerStep
}

/** The answer the check's schema asks for, from what the browser saw; the outcome as the agent would judge it. */
function answerOf(session: AgpSession, looks: Look[]): { answer: unknown; outcome: string } {
  const sites = looks.map((look) => ({
    url: look.url,
    final_url: look.finalUrl,
    page_title: look.title,
    state: look.state,
    evidence: look.evidence
  }))
  const complete = looks.length === session.plan.sites.length
  const outcome =
    looks.length > 0 && looks.every((look) => look.state === 'blocked')
      ? 'blocked'
      : complete && looks.every((look) => look.state !== 'unreachable')
        ? 'success'
        : 'partial'
  if (session.plan.answerFormat === 'check') return { answer: { sites }, outcome }
  return { answer: sites.map((site) => `${site.url}: ${site.state}`).join('\n'), outcome }
}

/**
 * One session from start to end, as H Company's runner reports it: pending, running with one
 * go_to_web step and one observation per site, an answer, then completed (or idle first, when an
 * idle timeout was asked for). A stop, the budgets and the forced answer all end it early.
 */
export async function runSession(session: AgpSession, deps: RunDeps): Promise<void> {
  const { plan } = session
  const signal = session.controller.signal
  emit(session, 'RequestStartEvent')
  emit(session, 'RequestStartDispatchedEvent', { status: 'dispatched' })
  let browser: CloudBrowser | undefined
  // The end is said only once the browser is gone: a finished session has nothing left running.
  let end: { status: TrajectoryStatus; failure?: { code: string; message: string } } = { status: 'interrupted' }
  const settle = (status: TrajectoryStatus, failure?: { code: string; message: string }) => {
    end = failure === undefined ? { status } : { status, failure }
  }
  const persist = (plan.persist || deps.settings.hcompanySavesAlways) && plan.profileId !== undefined ? plan.profileId : undefined
  const close = () =>
    browser?.close(persist === undefined ? undefined : { format: 'zip', store: (file) => deps.keep(persist, file) }).catch(() => undefined)
  // A stop closes the browser at once, even in the middle of a page that is still loading.
  signal.addEventListener('abort', () => void close(), { once: true })
  try {
    browser = await deps.openBrowser(plan.profileId).catch(() => undefined)
    if (signal.aborted) return void (await close())
    if (browser === undefined) {
      emit(session, 'AgentErrorEvent', { error: 'The browser environment could not be started.' })
      return settle('failed', { code: 'environment_error', message: 'The browser environment could not be started.' })
    }
    if (plan.profileId !== undefined) await deps.used(plan.profileId)
    session.status = 'running'
    session.startedAt = new Date().toISOString()
    emit(session, 'AgentStartedEvent')
    emit(session, 'LiveViewUrlEvent', { live_view_url: session.liveViewUrl })
    const started = deps.now()
    const timeUp = () => plan.maxTimeS !== null && deps.now() - started >= plan.maxTimeS * 1000
    const looks: Look[] = []
    for (const [index, url] of plan.sites.entries()) {
      if (index > 0 && deps.settings.stall) {
        // A session stuck on a page: only a forced answer, a stop or the time limit moves it.
        while (!session.forceAnswer && !signal.aborted && !timeUp()) await nextChange(session, 500)
      }
      if (signal.aborted || session.forceAnswer || timeUp()) break
      if (plan.maxSteps !== null && session.steps + 2 > plan.maxSteps) break
      step(session, deps.settings)
      emit(session, 'AgentEvent', {
        kind: 'policy_event',
        content: `Opening ${url}`,
        tool_reqs: [{ tool_name: 'go_to_web', args: { url } }]
      })
      const look = await browser.look(url)
      if (signal.aborted) break
      step(session, deps.settings)
      looks.push(look)
      // The twin's choice of metadata keys (the real ones are not documented): the address and title it is on.
      emit(session, 'AgentEvent', {
        kind: 'observation_event',
        type: 'textual_web',
        text: look.text,
        metadata: { url: look.finalUrl, title: look.title }
      })
      emit(session, 'MetricsUpdateEvent', { metrics: { steps: session.steps } })
    }
    if (signal.aborted) return
    if (looks.length === 0 && plan.sites.length > 0) {
      emit(session, 'AgentCompletionEvent', { reason: 'timed_out' })
      return settle('failed', { code: 'no_answer', message: 'The agent ended without an answer.' })
    }
    if (plan.answerFormat === 'other') {
      emit(session, 'AgentCompletionEvent', { reason: 'finished' })
      return settle('failed', { code: 'answer_validation', message: 'The answer did not match the answer format.' })
    }
    const { answer, outcome } = answerOf(session, looks)
    session.answer = answer
    session.outcome = outcome
    emit(session, 'AgentEvent', { kind: 'answer_event', answer, outcome })
    emit(session, 'AgentCompletionEvent', { reason: session.forceAnswer ? 'stopped' : 'finished' })
    if (plan.idleTimeoutS !== null) {
      session.status = 'idle'
      changed(session)
      const until = deps.now() + plan.idleTimeoutS * 1000
      while (!signal.aborted && deps.now() < until) await nextChange(session, Math.min(1000, until - deps.now()))
      if (signal.aborted) return
    }
    settle('completed')
  } catch (error) {
    if (!signal.aborted) settle('failed', { code: 'internal', message: error instanceof Error ? error.message : String(error) })
  } finally {
    await close()
    finish(session, end.status, end.failure)
    session.finishedAt ??= isoSeconds(deps.now())
    deps.ended(session)
  }
}
