import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createHcompanyService } from '../electron/services/clouds/hcompany/hcompany-service'
import { uploadSignedIn } from '../test/support/check-profile'
import { startCheckCloud, type CheckCloud } from '../test/support/check-cloud'
import { directNetwork } from '../test/support/direct-network'
import { startReferenceCloud, type ReferenceCloud } from './reference-cloud'

const KEY = 'hk-sessions-test'
const headers = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' }
const CHECK_SCHEMA = {
  type: 'object',
  properties: {
    sites: { type: 'array', items: { type: 'object', properties: { url: {}, final_url: {}, page_title: {}, state: {}, evidence: {} } } }
  }
}

let root: string
let checkCloud: CheckCloud | undefined
let cloud: ReferenceCloud
let profileId: string

async function api<T = Record<string, unknown>>(path: string, init: { method?: string; body?: unknown; key?: string } = {}) {
  const response = await fetch(`${cloud.url}${path}`, {
    method: init.method ?? 'GET',
    headers: { ...headers, ...(init.key === undefined ? {} : { authorization: `Bearer ${init.key}` }) },
    ...(init.body === undefined ? {} : { body: JSON.stringify(init.body) })
  })
  const text = await response.text()
  return { status: response.status, body: (text === '' ? undefined : JSON.parse(text)) as T }
}

function request(environment: Record<string, unknown>, extra: Record<string, unknown> = {}) {
  return {
    agent: {
      name: 'look',
      description: 'Looks only.',
      environments: [{ id: 'browser', kind: 'web', mode: { type: 'text' }, ...environment }],
      answer_format: CHECK_SCHEMA
    },
    messages: 'Check:\nhttps://example.com/\nhttps://google.com/\nhttps://example.org/\nhttps://example.net/',
    idle_timeout_s: null,
    queue: false,
    ...extra
  }
}

async function untilOver(id: string): Promise<Record<string, unknown>> {
  for (;;) {
    const { body } = await api(`/api/v2/sessions/${id}/status`)
    if (['completed', 'failed', 'timed_out', 'interrupted'].includes(String(body['status']))) return body
    await api(`/api/v2/sessions/${id}/changes?from_index=0&wait_for_seconds=2&include_events=false`)
  }
}

async function untilNoBrowser(): Promise<void> {
  while ((await api<{ browsersOpen: number }>('/_reference/sessions')).body.browsersOpen > 0)
    await new Promise((resolve) => setTimeout(resolve, 100))
}

const profile = async () => (await api(`/api/v2/browser-profiles/${profileId}`)).body

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'porter-agp-sessions-'))
  checkCloud = await startCheckCloud({ agpKeys: [KEY] })
  cloud = checkCloud.cloud
  profileId = await uploadSignedIn(createHcompanyService({ baseUrl: cloud.url, apiKey: KEY, network: directNetwork() }), root)
}, 120_000)

afterAll(async () => {
  await checkCloud?.close()
  await rm(root, { recursive: true, force: true })
})

describe('a session with a browser profile', () => {
  it('opens each site in a real browser on the profile, read-only, and answers in the asked schema', async () => {
    const before = await profile()
    const tokensBefore = cloud.sessions.tokensUsed
    const created = await api('/api/v2/sessions', {
      method: 'POST',
      body: request({ browser_profile_id: profileId, persist_browser_profile: false })
    })
    expect(created.status).toBe(201)
    expect(created.body).toMatchObject({
      request: { queue: false },
      status: { status: expect.stringMatching(/queued|pending|running/) },
      agent_view_url: expect.stringContaining('/_reference/live/')
    })
    const id = String(created.body['id'])
    const status = await untilOver(id)
    expect(status).toMatchObject({ status: 'completed', outcome: 'partial', error_code: null, steps: 8 })
    const session = (await api(`/api/v2/sessions/${id}`)).body
    expect((session['latest_answer'] as { sites: unknown[] }).sites).toEqual([
      expect.objectContaining({ url: 'https://example.com/', state: 'signed_in', page_title: 'Inbox – Mail' }),
      expect.objectContaining({
        url: 'https://google.com/',
        state: 'login_page',
        final_url: expect.stringContaining('accounts.google.com/ServiceLogin')
      }),
      expect.objectContaining({ url: 'https://example.org/', state: 'second_factor' }),
      expect.objectContaining({ url: 'https://example.net/', state: 'unreachable' })
    ])
    const events = (
      await api<{ items: Array<{ type: string; data: Record<string, unknown> }>; total: number }>(`/api/v2/sessions/${id}/events?size=100`)
    ).body.items
    expect(events.map((event) => event.type)).toEqual(
      expect.arrayContaining(['AgentStartedEvent', 'LiveViewUrlEvent', 'AgentCompletionEvent'])
    )
    expect(events.filter((event) => event.data['kind'] === 'policy_event')[0]?.data['tool_reqs']).toEqual([
      { tool_name: 'go_to_web', args: { url: 'https://example.com/' } }
    ])
    expect(events.find((event) => event.data['kind'] === 'observation_event')?.data['metadata']).toEqual({
      url: 'https://example.com/',
      title: 'Inbox – Mail'
    })
    // 204 once nothing is new, even though the session is over.
    expect((await api(`/api/v2/sessions/${id}/changes?from_index=${events.length}`)).status).toBe(204)
    // Loaded once, counted once; the archive itself untouched. Tokens as the service counts them: per step.
    const after = await profile()
    expect(after).toMatchObject({
      usage_count: Number(before['usage_count']) + 1,
      checksum: before['checksum'],
      file_size_bytes: before['file_size_bytes']
    })
    expect(cloud.sessions.tokensUsed - tokensBefore).toBe(8 * cloud.sessions.tokensPerStep)
    await untilNoBrowser()
  }, 90_000)

  it('saves the browser state into the profile only when persist_browser_profile asks for it', async () => {
    const before = await profile()
    const { body } = await api('/api/v2/sessions', {
      method: 'POST',
      body: { ...request({ browser_profile_id: profileId, persist_browser_profile: true }), messages: 'https://example.com/' }
    })
    expect(await untilOver(String(body['id']))).toMatchObject({ status: 'completed' })
    const after = await profile()
    expect(after['checksum']).not.toBe(before['checksum'])
    expect(after['usage_count']).toBe(Number(before['usage_count']) + 1)
  }, 90_000)

  it('a stuck session answers with what it saw when forced, and a cancel ends it and its browser at once', async () => {
    cloud.sessions.stall = true
    try {
      const forced = String(
        (await api('/api/v2/sessions', { method: 'POST', body: request({ browser_profile_id: profileId }) })).body['id']
      )
      while (((await api(`/api/v2/sessions/${forced}`)).body['status'] as { steps: number }).steps < 2)
        await api(`/api/v2/sessions/${forced}/changes?from_index=0&wait_for_seconds=1`)
      expect((await api(`/api/v2/sessions/${forced}/force_answer`, { method: 'POST' })).status).toBe(202)
      expect(await untilOver(forced)).toMatchObject({ status: 'completed', outcome: 'partial' })
      expect(((await api(`/api/v2/sessions/${forced}`)).body['latest_answer'] as { sites: unknown[] }).sites).toHaveLength(1)

      const cancelled = String(
        (await api('/api/v2/sessions', { method: 'POST', body: request({ browser_profile_id: profileId }) })).body['id']
      )
      while (((await api(`/api/v2/sessions/${cancelled}`)).body['status'] as { status: string }).status !== 'running')
        await new Promise((resolve) => setTimeout(resolve, 100))
      expect((await api(`/api/v2/sessions/${cancelled}`, { method: 'DELETE' })).status).toBe(204)
      expect((await api(`/api/v2/sessions/${cancelled}/status`)).body).toMatchObject({ status: 'interrupted' })
      await untilNoBrowser()
      expect((await api('/api/v2/sessions/quota')).body).toEqual({ scope: 'org', limit: 3, active: 0, available: 3 })
    } finally {
      cloud.sessions.stall = false
    }
  }, 90_000)
})

describe('refusals, as the service words them', () => {
  it('checks the request: required agent, mutually exclusive profile options, persist without a profile, UUIDs, the long-poll bound', async () => {
    const missing = await api<{ detail: Array<{ loc: unknown[]; type: string }> }>('/api/v2/sessions', {
      method: 'POST',
      body: { messages: 'hi' }
    })
    expect(missing.status).toBe(422)
    expect(missing.body.detail[0]).toMatchObject({ type: 'missing', loc: ['body', 'agent'] })
    const both = await api<{ detail: Array<{ msg: string }> }>('/api/v2/sessions', {
      method: 'POST',
      body: request({ browser_profile_id: profileId, use_default_browser_profile: true })
    })
    expect(both.status).toBe(422)
    expect(both.body.detail[0]?.msg).toContain('mutually exclusive')
    const persist = await api<{ detail: Array<{ msg: string }> }>('/api/v2/sessions', {
      method: 'POST',
      body: request({ persist_browser_profile: true })
    })
    expect(persist.body.detail[0]?.msg).toContain('requires browser_profile_id')
    expect((await api('/api/v2/sessions', { method: 'POST', body: request({ browser_profile_id: 'not-a-uuid' }) })).status).toBe(422)
    expect((await api('/api/v2/sessions/not-a-uuid/status')).status).toBe(422)
    expect(
      (await api('/api/v2/sessions', { method: 'POST', body: request({ browser_profile_id: '00000000-0000-4000-8000-000000000000' }) }))
        .body
    ).toEqual({ detail: 'Browser profile not found' })
    expect((await api('/api/v2/sessions', { method: 'POST', body: request({}), key: 'hk-wrong' })).body).toEqual({
      message: 'Invalid API key'
    })
  })

  it('no tokens left: refused before anything starts; every slot busy: 429 without a queue, queued with one', async () => {
    const { tokensUsed } = cloud.sessions
    cloud.sessions.tokensUsed = cloud.sessions.tokensLimit
    try {
      expect((await api('/api/v2/quota/tokens')).body).toMatchObject({ remaining: 0, limit: cloud.sessions.tokensLimit })
      expect((await api('/api/v2/sessions', { method: 'POST', body: request({ browser_profile_id: profileId }) })).status).toBe(402)
    } finally {
      cloud.sessions.tokensUsed = tokensUsed
    }
    cloud.sessions.concurrentSessions = 0
    try {
      expect((await api('/api/v2/sessions/quota')).body).toMatchObject({ limit: 0, available: 0 })
      expect((await api('/api/v2/sessions', { method: 'POST', body: request({ browser_profile_id: profileId }) })).body).toEqual({
        detail: 'Concurrent session limit reached.'
      })
      const queued = await api('/api/v2/sessions', { method: 'POST', body: request({ browser_profile_id: profileId }, { queue: true }) })
      expect(queued.body['status']).toMatchObject({ status: 'queued' })
      expect((await api(`/api/v2/sessions/${String(queued.body['id'])}`, { method: 'DELETE' })).status).toBe(204)
      expect((await api(`/api/v2/sessions/${String(queued.body['id'])}/status`)).body).toMatchObject({ status: 'interrupted' })
    } finally {
      cloud.sessions.concurrentSessions = 3
    }
  })

  it('an Idempotency-Key hands back the first session; reused with another body it is refused', async () => {
    cloud.sessions.concurrentSessions = 0
    try {
      const send = (body: unknown) =>
        fetch(`${cloud.url}/api/v2/sessions`, {
          method: 'POST',
          headers: { ...headers, 'idempotency-key': 'porter-check-same' },
          body: JSON.stringify(body)
        })
      const body = request({ browser_profile_id: profileId }, { queue: true })
      const first = (await (await send(body)).json()) as { id: string }
      const again = (await (await send(body)).json()) as { id: string }
      expect(again.id).toBe(first.id)
      expect((await send({ ...body, max_steps: 3 })).status).toBe(422)
      await api(`/api/v2/sessions/${first.id}`, { method: 'DELETE' })
    } finally {
      cloud.sessions.concurrentSessions = 3
    }
  })

  it('without a browser, the session fails as an environment error', async () => {
    const bare = await startReferenceCloud({ agpKeys: [KEY] })
    try {
      const created = await fetch(`${bare.url}/api/v2/sessions`, { method: 'POST', headers, body: JSON.stringify(request({})) })
      const { id } = (await created.json()) as { id: string }
      for (;;) {
        const status = (await (await fetch(`${bare.url}/api/v2/sessions/${id}/status`, { headers })).json()) as Record<string, unknown>
        if (status['status'] === 'failed') return expect(status).toMatchObject({ error_code: 'environment_error' })
        await new Promise((resolve) => setTimeout(resolve, 50))
      }
    } finally {
      await bare.close()
    }
  })
})
