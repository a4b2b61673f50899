import type { BrowserPool } from '../cloud-browser/browser-pool'
import type { LiveViews } from '../cloud-browser/live-view'
import { UUID_PATTERN } from '../http/ids'
import { readSmallBody, sendEmpty, sendJson } from '../http/respond'
import type { RouteContext, Router } from '../http/router'
import type { SessionSettings } from '../sessions/session-settings'
import type { StateStore } from '../state/state-store'
import type { ObjectStore } from '../storage/object-store'
import { hcompanyAuth } from './auth'
import { TERMINAL, changed, changesView, newSession, nextChange, sessionView, statusView, type AgpSession } from './session-record'
import { parseSessionRequest } from './session-request'
import { AgpSessionPool } from './session-pool'
import { ValidationFailure, parseIntQuery, uuidIssue, type ValidationIssue } from './validation'

export interface HcompanySessionsOptions {
  store: StateStore
  objects: ObjectStore
  keys: ReadonlySet<string>
  now: () => number
  settings: SessionSettings
  pool: BrowserPool
  live: LiveViews
  baseUrl: () => string
}

const SESSIONS = '/api/v2/sessions'
const NOT_FOUND = { detail: 'Session not found.' }
const IDEMPOTENCY_MS = 24 * 60 * 60 * 1000

/** H Company's sessions API (v2), driving a real browser on the stored profile. */
export function registerHcompanySessions(
  router: Router,
  options: HcompanySessionsOptions
): { sessions(): AgpSession[]; stopAll(): Promise<void> } {
  const { settings } = options
  const authed = hcompanyAuth(options.keys)
  const pool = new AgpSessionPool(options)
  const sessions = pool.sessions
  const profiles = () => options.store.state.hcompany.profiles
  const active = (orgId: string) => pool.active(orgId)

  const sessionOf = (context: RouteContext, orgId: string): AgpSession | undefined => {
    const id = context.params['id'] ?? ''
    if (!UUID_PATTERN.test(id)) throw new ValidationFailure([uuidIssue(id, 'id')])
    const session = sessions.get(id.toLowerCase())
    return session?.orgId === orgId ? session : undefined
  }

  router.add(
    'GET',
    `${SESSIONS}/quota`,
    authed(async ({ response }, { orgId }) => {
      const limit = settings.concurrentSessions
      const used = active(orgId).length
      sendJson(response, 200, { scope: 'org', limit, active: used, available: Math.max(0, limit - used) })
    })
  )

  router.add(
    'GET',
    '/api/v2/quota/tokens',
    authed(async ({ response }) => {
      const now = new Date(options.now())
      const start = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1))
      const end = new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth() + 1, 1))
      sendJson(response, 200, {
        limit: settings.tokensLimit,
        used: settings.tokensUsed,
        remaining: Math.max(0, settings.tokensLimit - settings.tokensUsed),
        window_start: start.toISOString(),
        window_end: end.toISOString()
      })
    })
  )

  router.add(
    'POST',
    SESSIONS,
    authed(async ({ request, response }, { orgId }) => {
      const text = await readSmallBody(request, 5 * 1024 * 1024)
      let body: unknown
      try {
        body = JSON.parse(text)
      } catch {
        throw new ValidationFailure([
          { type: 'json_invalid', loc: ['body', 0], msg: 'JSON decode error', input: {}, ctx: { error: 'Expecting value' } }
        ])
      }
      const key = request.headers['idempotency-key']
      const idempotencyKey = typeof key === 'string' && key !== '' ? key : undefined
      if (idempotencyKey !== undefined) {
        const earlier = [...sessions.values()].find(
          (s) => s.orgId === orgId && s.idempotency?.key === idempotencyKey && options.now() - Date.parse(s.createdAt) < IDEMPOTENCY_MS
        )
        if (earlier !== undefined) {
          if (earlier.idempotency?.body !== text)
            return sendJson(response, 422, { detail: 'Idempotency-Key was already used with a different request body.' })
          return sendJson(response, 201, sessionView(earlier))
        }
      }
      const plan = parseSessionRequest(body)
      if (plan.useDefaultProfile) {
        const preferred = profiles().find((p) => p.org_id === orgId && p.is_default && p.browser_name === 'chromium')
        if (preferred !== undefined) plan.profileId = preferred.id
      } else if (plan.profileId !== undefined && !profiles().some((p) => p.id === plan.profileId && p.org_id === orgId)) {
        return sendJson(response, 404, { detail: 'Browser profile not found' })
      }
      if (settings.tokensLimit - settings.tokensUsed <= 0)
        return sendJson(response, settings.tokensExhaustedStatus, { detail: 'Token allowance exhausted for this billing period.' })
      if (
        plan.persist &&
        [...sessions.values()].some((s) => !TERMINAL.has(s.status) && s.plan.persist && s.plan.profileId === plan.profileId)
      )
        return sendJson(response, 409, { detail: 'Another session is already persisting this browser profile.' })
      const full = active(orgId).length >= settings.concurrentSessions
      if (full && !plan.queue) return sendJson(response, 429, { detail: 'Concurrent session limit reached.' })
      const session = newSession({
        orgId,
        request: body,
        plan,
        createdAt: new Date(options.now()).toISOString(),
        liveViewBase: `${options.baseUrl()}/_reference/live/`,
        ...(idempotencyKey === undefined ? {} : { idempotency: { key: idempotencyKey, body: text } })
      })
      sessions.set(session.id, session)
      if (!full) pool.start(session)
      sendJson(response, 201, sessionView(session))
    })
  )

  router.add(
    'GET',
    `${SESSIONS}/:id/status`,
    authed(async (context, { orgId }) => {
      const session = sessionOf(context, orgId)
      if (session === undefined) return sendJson(context.response, 404, NOT_FOUND)
      sendJson(context.response, 200, statusView(session))
    })
  )

  router.add(
    'GET',
    `${SESSIONS}/:id/changes`,
    authed(async (context, { orgId }) => {
      const session = sessionOf(context, orgId)
      if (session === undefined) return sendJson(context.response, 404, NOT_FOUND)
      const query = context.url.searchParams
      const from = parseIntQuery(query.get('from_index'), 'from_index', 0, { ge: 0 })
      const limit = query.get('limit') === null ? undefined : parseIntQuery(query.get('limit'), 'limit', 100, { ge: 1 })
      const wait = parseIntQuery(query.get('wait_for_seconds'), 'wait_for_seconds', 0, { ge: 0, le: 25 })
      const issues = [from, limit, wait].filter((value): value is ValidationIssue => typeof value === 'object')
      if (issues.length > 0) throw new ValidationFailure(issues)
      const deadline = Date.now() + (wait as number) * 1000
      while (session.events.length <= (from as number) && !TERMINAL.has(session.status) && Date.now() < deadline) {
        await nextChange(session, deadline - Date.now())
      }
      if (session.events.length <= (from as number)) return sendEmpty(context.response, 204)
      sendJson(
        context.response,
        200,
        changesView(session, from as number, limit as number | undefined, query.get('include_events') !== 'false')
      )
    })
  )

  router.add(
    'GET',
    `${SESSIONS}/:id/events`,
    authed(async (context, { orgId }) => {
      const session = sessionOf(context, orgId)
      if (session === undefined) return sendJson(context.response, 404, NOT_FOUND)
      const page = parseIntQuery(context.url.searchParams.get('page'), 'page', 1, { ge: 1 })
      const size = parseIntQuery(context.url.searchParams.get('size'), 'size', 50, { ge: 1, le: 100 })
      const issues = [page, size].filter((value): value is ValidationIssue => typeof value === 'object')
      if (issues.length > 0) throw new ValidationFailure(issues)
      const first = ((page as number) - 1) * (size as number)
      sendJson(context.response, 200, { items: session.events.slice(first, first + (size as number)), total: session.events.length, page })
    })
  )

  router.add(
    'POST',
    `${SESSIONS}/:id/force_answer`,
    authed(async (context, { orgId }) => {
      const session = sessionOf(context, orgId)
      if (session === undefined) return sendJson(context.response, 404, NOT_FOUND)
      session.forceAnswer = true
      changed(session)
      sendEmpty(context.response, 202)
    })
  )

  router.add(
    'GET',
    `${SESSIONS}/:id`,
    authed(async (context, { orgId }) => {
      const session = sessionOf(context, orgId)
      if (session === undefined) return sendJson(context.response, 404, NOT_FOUND)
      sendJson(context.response, 200, sessionView(session))
    })
  )

  router.add(
    'DELETE',
    `${SESSIONS}/:id`,
    authed(async (context, { orgId }) => {
      const session = sessionOf(context, orgId)
      if (session === undefined) return sendJson(context.response, 404, NOT_FOUND)
      // A finished session stays as it ended.
      pool.interrupt(session)
      sendEmpty(context.response, 204)
    })
  )

  return { sessions: () => [...sessions.values()], stopAll: () => pool.stopAll() }
}
