import type { CloudBrowser, Look } from '../cloud-browser/cloud-browser'

/** One task of a WebRun session: a look at one page, finished, or paused on a guardrail. */
export interface WebrunTask {
  id: string
  sessionId: string
  status: 'running' | 'paused' | 'completed' | 'stopped'
  url: string | undefined
  structured: boolean
  startedMs: number
  look?: Look
  guardrail?: string
  /** Resolves when the task leaves `running`. */
  settled: Promise<void>
  settle(): void
  controller: AbortController
}

/** What the agent says when a page needs a person: WebRun's own guardrail words. */
function guardrailFor(look: Look): string | undefined {
  if (look.state === 'login_page') return 'I need login credentials to proceed'
  if (look.state === 'blocked') return 'A CAPTCHA is blocking me. Please solve it.'
  return undefined
}

/**
 * Runs a task: opens its page in the session's browser and either finishes with what it saw or
 * pauses on a guardrail. A stalled session never gets past its first task (a task that never ends).
 */
export async function runTask(task: WebrunTask, browser: CloudBrowser, stalled: boolean): Promise<void> {
  try {
    if (stalled) await new Promise<void>((resolve) => task.controller.signal.addEventListener('abort', () => resolve(), { once: true }))
    if (task.controller.signal.aborted) return
    const look = task.url === undefined ? undefined : await browser.look(task.url)
    if (task.controller.signal.aborted) return
    if (look !== undefined) task.look = look
    const guardrail = look === undefined ? undefined : guardrailFor(look)
    if (guardrail !== undefined) {
      task.guardrail = guardrail
      task.status = 'paused'
    } else task.status = 'completed'
  } finally {
    if (task.status === 'running') task.status = 'stopped'
    task.settle()
  }
}

/** The task's answer: structured as the check's schema asks, or a sentence; the page's address as WebRun's network record. */
function taskData(task: WebrunTask): Record<string, unknown> {
  const look = task.look
  const answer =
    look === undefined
      ? 'The task ended without opening a page.'
      : task.structured
        ? { url: look.url, final_url: look.finalUrl, page_title: look.title, state: look.state, evidence: look.evidence }
        : `${look.finalUrl}: ${look.evidence}`
  return {
    message: answer,
    files: [],
    network: look === undefined ? [] : [{ id: task.id.slice(0, 5), taskId: task.id, urls: [{ url: look.finalUrl, timestamp: Date.now() }] }]
  }
}

/** A task as it starts: running, settled (resolved) when it ends or pauses. */
export function newTask(sessionId: string, id: string, nowMs: number, page: { url: string | undefined; structured: boolean }): WebrunTask {
  let settle = () => undefined as void
  const settled = new Promise<void>((resolve) => (settle = resolve))
  return { id, sessionId, status: 'running', ...page, startedMs: nowMs, settled, settle: () => settle(), controller: new AbortController() }
}

/** A task's answer as the task endpoint shows it: a guardrail, still pending (with its poll address), or the result and its usage. */
export function taskAnswer(task: WebrunTask, service: { baseUrl: string; costPerTask: number; nowMs: number }): Record<string, unknown> {
  const ids = { success: true, sessionId: task.sessionId, taskId: task.id }
  if (task.status === 'paused') return { ...ids, type: 'guardrail_trigger', data: { type: 'human_input_needed', value: task.guardrail } }
  if (task.status === 'running') return { ...ids, status: 'pending', pollUrl: `${service.baseUrl}/task/${task.sessionId}/${task.id}` }
  const seconds = (service.nowMs - task.startedMs) / 1000
  return {
    ...ids,
    type: task.status === 'completed' ? 'task_completed' : 'task_stopped',
    data: taskData(task),
    usage: { prompt_tokens: 2400, completion_tokens: 600, total_tokens: 3000, completion_time: seconds, cost: service.costPerTask }
  }
}
