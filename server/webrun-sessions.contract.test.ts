import { createHash } from 'node:crypto'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createWebrunService } from '../electron/services/clouds/webrun/webrun-service'
import { uploadSignedIn } from '../test/support/check-profile'
import { startCheckCloud, type CheckCloud } from '../test/support/check-cloud'
import { directNetwork } from '../test/support/direct-network'
import { startReferenceCloud, type ReferenceCloud } from './reference-cloud'

const KEY = 'enig_sessions_test'
const headers = { authorization: `Bearer ${KEY}`, 'content-type': 'application/json' }
const SITE_SCHEMA = { type: 'object', properties: { url: {}, final_url: {}, page_title: {}, state: {}, evidence: {} } }

let root: string
let checkCloud: CheckCloud | undefined
let cloud: ReferenceCloud
let profileId: string

async function api(path: string, body?: unknown) {
  const response = await fetch(`${cloud.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers,
    ...(body === undefined ? {} : { body: JSON.stringify(body) })
  })
  return { status: response.status, body: (await response.json()) as Record<string, unknown> }
}

const send = (sessionId: string, message: Record<string, unknown>) => api('/start/send-message', { sessionId, message })
const task = (url: string) => ({
  actionType: 'newTask',
  newState: 'start',
  taskDetails: `Open ${url} and report.`,
  startingPoint: url,
  outputType: 'structured_json',
  outputSchema: SITE_SCHEMA
})
const profile = async () =>
  ((await api('/profiles')).body['profiles'] as Array<Record<string, unknown>>).find((p) => p['_id'] === profileId) ?? {}

async function blobSha(): Promise<string> {
  const { downloadUrl } = (await api(`/profiles/${profileId}/download`)).body as { downloadUrl: string }
  return createHash('sha256')
    .update(Buffer.from(await (await fetch(downloadUrl)).arrayBuffer()))
    .digest('hex')
}

async function untilNoBrowser(): Promise<void> {
  while (((await (await fetch(`${cloud.url}/_reference/sessions`)).json()) as { browsersOpen: number }).browsersOpen > 0)
    await new Promise((resolve) => setTimeout(resolve, 100))
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'porter-webrun-sessions-'))
  checkCloud = await startCheckCloud({ webrunKeys: [KEY], webrunRateLimit: 0 })
  cloud = checkCloud.cloud
  profileId = await uploadSignedIn(createWebrunService({ baseUrl: cloud.url, apiKey: KEY, network: directNetwork() }), root)
}, 120_000)

afterAll(async () => {
  await checkCloud?.close()
  await rm(root, { recursive: true, force: true })
})

describe('a session with a profile attached', () => {
  it('runs one task per page in a real browser: answers inline, pauses on a sign-in page, and saves its state into the profile when it ends', async () => {
    const shaBefore = await blobSha()
    const usedBefore = Number((await profile())['usageCount'])
    const balanceBefore = cloud.sessions.balance
    const started = await api('/start/start-session', { profileId, mode: 'default', reachOutMode: 'off', initialTask: { taskDetails: '' } })
    expect(started.status).toBe(200)
    expect(started.body).toMatchObject({
      success: true,
      sessionId: expect.any(String),
      streaming: {
        webViewURL: expect.stringContaining('/_reference/live/'),
        webRTCURL: expect.stringContaining('/whep'),
        dimensions: { width: 1024, height: 600 }
      },
      expiresIn: 300000,
      balance: balanceBefore
    })
    const id = String(started.body['sessionId'])
    expect((await profile())['usageCount']).toBe(usedBefore + 1)

    const mail = await send(id, task('https://example.com/'))
    expect(mail.body).toMatchObject({
      success: true,
      taskId: expect.any(String),
      result: { type: 'task_completed' },
      usage: { cost: cloud.sessions.costPerTask }
    })
    const data = (mail.body['result'] as { data: Record<string, unknown> }).data
    expect(data['message']).toMatchObject({ url: 'https://example.com/', state: 'signed_in', page_title: 'Inbox – Mail' })
    expect(data['network']).toEqual([expect.objectContaining({ urls: [expect.objectContaining({ url: 'https://example.com/' })] })])

    const google = await send(id, task('https://google.com/'))
    expect(google.body).toMatchObject({
      type: 'guardrail_trigger',
      data: { type: 'human_input_needed', value: 'I need login credentials to proceed' }
    })
    expect((await api(`/task/${id}/${String(google.body['taskId'])}`)).body).toMatchObject({ type: 'guardrail_trigger' })
    expect((await send(id, task('https://example.org/'))).body).toMatchObject({ code: 'TASK_ALREADY_RUNNING' })
    expect((await send(id, { actionType: 'guardrail', taskDetails: 'Do not sign in.', newState: 'stop' })).body).toMatchObject({
      success: true
    })

    expect((await send(id, { actionType: 'state', newState: 'terminate' })).body).toMatchObject({ success: true })
    expect((await api(`/start/session-status/${id}`)).body).toMatchObject({ status: 'terminated' })
    expect((await send(id, task('https://example.com/'))).body).toMatchObject({ code: 'SESSION_EXPIRED' })
    await untilNoBrowser()
    // WebRun documents no read-only switch: the twin saves the visit, so a client that uses the person's profile is caught.
    expect(await blobSha()).not.toBe(shaBefore)
    expect(cloud.sessions.balance).toBeCloseTo(balanceBefore - cloud.sessions.costPerTask, 6)
  }, 90_000)

  it('a task that runs past the inline wait is polled, and stopping it stops it', async () => {
    const settings = { inlineWaitMs: cloud.sessions.inlineWaitMs, stall: cloud.sessions.stall }
    Object.assign(cloud.sessions, { inlineWaitMs: 200, stall: true })
    try {
      const id = String((await api('/start/start-session', { profileId, reachOutMode: 'off' })).body['sessionId'])
      const first = await send(id, task('https://example.com/'))
      while ((await api(`/task/${id}/${String(first.body['taskId'])}`)).body['status'] === 'pending')
        await new Promise((resolve) => setTimeout(resolve, 100))
      const stuck = await send(id, task('https://example.org/'))
      expect(stuck.body).toMatchObject({ status: 'pending', pollUrl: `${cloud.url}/task/${id}/${String(stuck.body['taskId'])}` })
      expect((await api(`/task/${id}/${String(stuck.body['taskId'])}`)).body).toMatchObject({ status: 'pending' })
      await send(id, { actionType: 'state', newState: 'stop' })
      expect((await api(`/task/${id}/${String(stuck.body['taskId'])}`)).body).toMatchObject({ type: 'task_stopped' })
      await send(id, { actionType: 'state', newState: 'terminate' })
      await untilNoBrowser()
    } finally {
      Object.assign(cloud.sessions, settings)
    }
  }, 90_000)
})

describe('refusals, with the documented codes', () => {
  it('no balance 402, every session slot used 429, no free browser 503, unknown profile and session 404', async () => {
    const { balance, webrunSessions } = cloud.sessions
    try {
      cloud.sessions.balance = 0
      expect(await api('/start/start-session', { profileId })).toMatchObject({
        status: 402,
        body: { success: false, code: 'INSUFFICIENT_BALANCE' }
      })
      cloud.sessions.balance = balance
      cloud.sessions.webrunSessions = 0
      expect(await api('/start/start-session', { profileId })).toMatchObject({ status: 429, body: { code: 'SESSION_LIMIT_REACHED' } })
    } finally {
      Object.assign(cloud.sessions, { balance, webrunSessions })
    }
    expect(await api('/start/start-session', { profileId: '0123456789abcdef01234567' })).toMatchObject({
      status: 404,
      body: { error: 'Profile not found' }
    })
    expect(await api('/start/send-message', { sessionId: 'nope', message: { actionType: 'state', newState: 'terminate' } })).toMatchObject({
      status: 404,
      body: { code: 'SESSION_NOT_FOUND' }
    })
    const bare = await startReferenceCloud({ webrunKeys: [KEY], webrunRateLimit: 0 })
    try {
      const refused = await fetch(`${bare.url}/start/start-session`, { method: 'POST', headers, body: '{}' })
      expect([refused.status, await refused.json()]).toEqual([503, { success: false, error: 'No available instances' }])
    } finally {
      await bare.close()
    }
  })
})
