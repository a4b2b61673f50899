import type { IncomingMessage } from 'node:http'
import type { BrowserPool } from '../cloud-browser/browser-pool'
import { openCloudBrowser, type CloudBrowser } from '../cloud-browser/cloud-browser'
import type { LiveViews } from '../cloud-browser/live-view'
import { isoSeconds, objectId } from '../http/ids'
import { readSmallBody, sendJson } from '../http/respond'
import type { Router } from '../http/router'
import type { SessionSettings } from '../sessions/session-settings'
import type { StateStore } from '../state/state-store'
import type { ObjectStore } from '../storage/object-store'
import { fail, webrunGuard } from './guard'
import type { RateLimiter } from './rate-limit'
import { BLOB_BUCKET, blobKey } from './records'
import { newTask, runTask, taskAnswer, type WebrunTask } from './session-task'

export interface WebrunSessionsOptions {
  store: StateStore
  objects: ObjectStore
  keys: ReadonlySet<string>
  now: () => number
  limiter: RateLimiter
  settings: SessionSettings
  pool: BrowserPool
  live: LiveViews
  baseUrl: () => string
}

interface WebrunSession {
  id: string
  userId: string
  profileId: string | undefined
  status: 'active' | 'terminated'
  browser: CloudBrowser
  tasks: Map<string, WebrunTask>
  idle: NodeJS.Timeout | undefined
}

/** "Inactivity timeout is fixed at 5 minutes." */
const IDLE_MS = 5 * 60 * 1000

type Json = Record<string, unknown>
const isObject = (value: unknown): value is Json => typeof value === 'object' && value !== null && !Array.isArray(value)

/** A request's JSON object; undefined when it is not JSON. */
async function jsonBody(request: IncomingMessage): Promise<Json | undefined> {
  try {
    const body: unknown = JSON.parse((await readSmallBody(request)) || '{}')
    return isObject(body) ? body : {}
  } catch {
    return undefined
  }
}

/** WebRun's session API: one browser per session on the attached profile, one task per message. */
export function registerWebrunSessions(
  router: Router,
  options: WebrunSessionsOptions
): { sessions(): Array<{ id: string; status: string }>; stopAll(): Promise<void> } {
  const { settings, store, objects } = options
  const guarded = webrunGuard(options.keys, options.limiter, true)
  const sessions = new Map<string, WebrunSession>()
  const profiles = () => store.state.webrun.profiles
  // One balance for the twin (tests set it through the settings). A finished task is charged what its
  // answer says it cost; a stopped one reports no usage, so the twin charges it nothing (undocumented).
  const charge = () => {
    settings.balance = Math.round((settings.balance - settings.costPerTask) * 10_000) / 10_000
  }

  function touchIdle(session: WebrunSession): void {
    clearTimeout(session.idle)
    session.idle = setTimeout(() => void terminate(session), IDLE_MS)
    session.idle.unref()
  }

  async function terminate(session: WebrunSession): Promise<void> {
    if (session.status === 'terminated') return
    session.status = 'terminated'
    clearTimeout(session.idle)
    for (const task of session.tasks.values()) task.controller.abort()
    options.live.hide(session.id)
    const profile = profiles().find((p) => p._id === session.profileId)
    // WebRun documents no read-only switch: a session with a profile saves its state into it when it ends.
    const keep =
      profile !== undefined && settings.webrunSavesProfile
        ? {
            format: 'tgz' as const,
            store: async (packed: string) => {
              const stored = await objects.putFile(BLOB_BUCKET, blobKey(profile), packed, 'application/gzip')
              const now = isoSeconds(options.now())
              Object.assign(profile, { blobSize: stored.size, blobUploadedAt: now, updatedAt: now })
              await store.save()
            }
          }
        : undefined
    await session.browser.close(keep).catch(() => undefined)
  }

  const answerOf = (task: WebrunTask) =>
    taskAnswer(task, { baseUrl: options.baseUrl(), costPerTask: settings.costPerTask, nowMs: options.now() })

  const owned = (userId: string, id: unknown) => {
    const session = sessions.get(String(id))
    return session?.userId === userId ? session : undefined
  }

  router.add(
    'POST',
    '/start/start-session',
    guarded(async ({ request, response }, userId) => {
      const body = await jsonBody(request)
      if (body === undefined) return sendJson(response, 400, fail('Invalid JSON body'))
      if (settings.balance <= 0) return sendJson(response, 402, fail('Insufficient balance', 'INSUFFICIENT_BALANCE'))
      const mine = [...sessions.values()].filter((s) => s.userId === userId && s.status === 'active')
      if (mine.length >= settings.webrunSessions)
        return sendJson(
          response,
          429,
          fail('Session limit reached. Terminate unused sessions or upgrade your plan.', 'SESSION_LIMIT_REACHED')
        )
      const profileId = typeof body['profileId'] === 'string' ? body['profileId'] : undefined
      const profile = profiles().find((p) => p._id === profileId && p.userId === userId)
      if (profileId !== undefined && profile === undefined) return sendJson(response, 404, fail('Profile not found'))
      if (profile !== undefined && (profile.status !== 'ready' || objects.head(BLOB_BUCKET, blobKey(profile)) === undefined))
        return sendJson(response, 400, fail('Profile has no data'))
      const browser = await openCloudBrowser(
        profile === undefined ? undefined : objects.pathOf(BLOB_BUCKET, blobKey(profile)),
        options.pool
      ).catch(() => undefined)
      if (browser === undefined) return sendJson(response, 503, fail('No available instances'))
      const id = objectId(options.now())
      const session: WebrunSession = { id, userId, profileId, status: 'active', browser, tasks: new Map(), idle: undefined }
      sessions.set(id, session)
      options.live.show(id, browser)
      touchIdle(session)
      if (profile !== undefined) {
        const now = isoSeconds(options.now())
        Object.assign(profile, { usageCount: profile.usageCount + 1, lastUsedAt: now, updatedAt: now })
        await store.save()
      }
      const live = `${options.baseUrl()}/_reference/live/${id}`
      const initial = isObject(body['initialTask']) ? body['initialTask'] : {}
      sendJson(response, 200, {
        success: true,
        sessionId: id,
        socketURL: options.baseUrl(),
        streaming: { webRTCURL: `${live}/whep`, webViewURL: live, dimensions: { width: 1024, height: 600 } },
        initialPrompt: typeof initial['taskDetails'] === 'string' ? initial['taskDetails'] : '',
        expiresIn: IDLE_MS,
        balance: settings.balance,
        message: 'Connect to instance using sessionId in auth'
      })
    })
  )

  router.add(
    'POST',
    '/start/send-message',
    guarded(async ({ request, response }, userId) => {
      const body = await jsonBody(request)
      if (body === undefined) return sendJson(response, 400, fail('Invalid JSON body'))
      const session = owned(userId, body['sessionId'])
      if (session === undefined) return sendJson(response, 404, fail('Session not found', 'SESSION_NOT_FOUND'))
      if (session.status !== 'active') return sendJson(response, 404, fail('Session has expired', 'SESSION_EXPIRED'))
      const message = isObject(body['message']) ? body['message'] : {}
      const current = [...session.tasks.values()].find((task) => task.status === 'running' || task.status === 'paused')
      touchIdle(session)
      if (message['actionType'] === 'state') {
        if (message['newState'] === 'terminate') {
          await terminate(session)
          return sendJson(response, 200, { success: true, message: 'Session terminated' })
        }
        if (message['newState'] === 'stop' && current !== undefined) current.controller.abort()
        return sendJson(response, 200, { success: true, message: `State changed to ${String(message['newState'])}` })
      }
      if (message['actionType'] === 'guardrail') {
        if (current?.status !== 'paused') return sendJson(response, 400, fail('No guardrail is waiting for an answer'))
        // The twin's agent never types: a reply to resume meets the same page and asks again.
        if (message['newState'] === 'stop') current.status = 'stopped'
        return sendJson(response, 200, { success: true, message: message['newState'] === 'stop' ? 'Task stopped' : 'Task resumed' })
      }
      if (message['actionType'] !== 'newTask') return sendJson(response, 400, fail('Unknown actionType'))
      if (typeof message['taskDetails'] !== 'string' || message['taskDetails'].trim() === '')
        return sendJson(response, 400, fail('taskDetails is required'))
      if (current !== undefined) return sendJson(response, 409, fail('A task is already running in this session', 'TASK_ALREADY_RUNNING'))
      const start =
        typeof message['startingPoint'] === 'string' ? message['startingPoint'] : /https?:\/\/[^\s"'<>]+/.exec(message['taskDetails'])?.[0]
      const task = newTask(session.id, objectId(options.now()), options.now(), {
        url: start,
        structured: message['outputType'] === 'structured_json'
      })
      const stalled = settings.stall && session.tasks.size > 0
      session.tasks.set(task.id, task)
      void runTask(task, session.browser, stalled).then(() => {
        if (task.status === 'completed') charge()
        if (message['terminateOnCompletion'] === true && task.status === 'completed') void terminate(session)
      })
      // Answered inline when the task ends within the wait; otherwise a poll address.
      await Promise.race([task.settled, new Promise((resolve) => setTimeout(resolve, settings.inlineWaitMs).unref())])
      const answer = answerOf(task)
      if (answer['type'] === 'task_completed') {
        const { type, data, usage, ...rest } = answer
        return sendJson(response, 200, { ...rest, result: { type, data }, usage })
      }
      sendJson(response, 200, answer)
    })
  )

  router.add(
    'GET',
    '/task/:sessionId/:taskId',
    guarded(async ({ params, response }, userId) => {
      const session = owned(userId, params['sessionId'])
      const task = session?.tasks.get(params['taskId'] ?? '')
      if (session === undefined || task === undefined) return sendJson(response, 404, fail('Task not found', 'SESSION_NOT_FOUND'))
      sendJson(response, 200, answerOf(task))
    })
  )

  router.add(
    'GET',
    '/start/session-status/:sessionId',
    guarded(async ({ params, response }, userId) => {
      const session = owned(userId, params['sessionId'])
      if (session === undefined) return sendJson(response, 404, fail('Session not found', 'SESSION_NOT_FOUND'))
      sendJson(response, 200, { success: true, sessionId: session.id, status: session.status })
    })
  )

  return {
    sessions: () => [...sessions.values()].map((session) => ({ id: session.id, status: session.status })),
    stopAll: async () => void (await Promise.all([...sessions.values()].map(terminate)))
  }
}
