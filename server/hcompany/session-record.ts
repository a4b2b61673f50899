import { randomUUID } from 'node:crypto'
import type { SessionPlan } from './session-request'

export type TrajectoryStatus =
  'queued' | 'pending' | 'running' | 'paused' | 'idle' | 'awaiting_tool_results' | 'completed' | 'failed' | 'timed_out' | 'interrupted'

interface SessionEvent {
  type: string
  data: Record<string, unknown>
  timestamp: string
}

/** One session of the twin, in memory only: sessions die with the server, as runners do. */
export interface AgpSession {
  id: string
  orgId: string
  request: unknown
  plan: SessionPlan
  status: TrajectoryStatus
  error: string | null
  errorCode: string | null
  outcome: string | null
  answer: unknown
  steps: number
  inputTokens: number
  outputTokens: number
  events: SessionEvent[]
  createdAt: string
  startedAt: string | null
  finishedAt: string | null
  liveViewUrl: string
  idempotency?: { key: string; body: string }
  controller: AbortController
  forceAnswer: boolean
  /** Called on every change: long polls and waits inside the run wake up. */
  listeners: Set<() => void>
}

/** A session as accepted: queued until a slot starts it. */
export function newSession(
  accepted: Pick<AgpSession, 'orgId' | 'request' | 'plan' | 'createdAt' | 'idempotency'> & { liveViewBase: string }
): AgpSession {
  const id = randomUUID()
  const { liveViewBase, ...rest } = accepted
  return {
    ...rest,
    id,
    status: 'queued',
    error: null,
    errorCode: null,
    outcome: null,
    answer: null,
    steps: 0,
    inputTokens: 0,
    outputTokens: 0,
    events: [],
    startedAt: null,
    finishedAt: null,
    liveViewUrl: `${liveViewBase}${id}`,
    controller: new AbortController(),
    forceAnswer: false,
    listeners: new Set()
  }
}

export const TERMINAL: ReadonlySet<TrajectoryStatus> = new Set(['completed', 'failed', 'timed_out', 'interrupted'])
/** States that hold one of the org's concurrent-session slots. */
export const HOLDS_SLOT: ReadonlySet<TrajectoryStatus> = new Set(['pending', 'running', 'awaiting_tool_results', 'paused', 'idle'])

export function changed(session: AgpSession): void {
  for (const listener of [...session.listeners]) listener()
}

export function emit(session: AgpSession, type: string, data: Record<string, unknown> = {}): void {
  session.events.push({ type, data, timestamp: new Date().toISOString() })
  changed(session)
}

/** Resolves at the next change, or after `ms`, whichever comes first. */
export function nextChange(session: AgpSession, ms: number): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      clearTimeout(timer)
      session.listeners.delete(done)
      resolve()
    }
    const timer = setTimeout(done, ms)
    session.listeners.add(done)
  })
}

const usage = (session: AgpSession) =>
  session.inputTokens + session.outputTokens === 0
    ? []
    : [{ name: 'twin-look', input_tokens: session.inputTokens, output_tokens: session.outputTokens, reasoning_tokens: 0 }]

/** `SessionStatus` of the OpenAPI. */
export function statusView(session: AgpSession) {
  return {
    status: session.status,
    error: session.error,
    error_code: session.errorCode,
    outcome: session.outcome,
    steps: session.steps,
    usage_per_model: usage(session),
    subagent_session_ids: []
  }
}

/** `Session`: the original request and the live status. */
export function sessionView(session: AgpSession) {
  return {
    id: session.id,
    request: session.request,
    status: statusView(session),
    agent_view_url: session.liveViewUrl,
    latest_answer: session.answer ?? null,
    created_at: session.createdAt,
    started_at: session.startedAt,
    finished_at: session.finishedAt
  }
}

/** `SessionChanges` from an event index; the twin's models are unpriced, so every cost is null. */
export function changesView(session: AgpSession, from: number, limit: number | undefined, includeEvents: boolean) {
  const events = session.events.slice(from, limit === undefined ? undefined : from + limit)
  return {
    status: session.status,
    started_at: session.startedAt,
    finished_at: session.finishedAt,
    error: session.error,
    error_code: session.errorCode,
    new_events: includeEvents ? events : [],
    answer: session.answer ?? null,
    outcome: session.outcome,
    metrics: {
      steps: session.steps,
      cost_per_model: usage(session).map((model) => ({
        ...model,
        input_cost: null,
        output_cost: null,
        reasoning_cost: null,
        total_cost: null
      })),
      input_cost: null,
      output_cost: null,
      reasoning_cost: null,
      total_cost: null
    }
  }
}
