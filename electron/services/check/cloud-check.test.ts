import { mkdir, mkdtemp, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import type { CloudCheck } from '../../../shared/domain/check'
import type { ReferenceCloud } from '../../../server/reference-cloud'
import { defaultSessionSettings } from '../../../server/sessions/session-settings'
import { signInTheTestSites } from '../../../test/support/check-profile'
import { SITES } from '../../../test/support/check-sites'
import { startCheckCloud, type CheckCloud } from '../../../test/support/check-cloud'
import { bridgeShellAdapters } from '../../bridge/bridge-shell'
import { call } from '../../cli/call'
import { createPorterApi } from '../api/create-porter-api'
import type { PorterServices } from '../api/porter-services'
import { recoverInterruptedRuns } from '../app/recover'
import { createServices } from '../create-services'

/**
 * The check, proven end to end: a real Chromium profile signed in to four local sites (one that
 * takes the moved cookie, one bound to the device, one that asks for a code, one unreachable),
 * imported and uploaded to each twin, then checked there in a real Chromium.
 */
let root: string
let checkCloud: CheckCloud | undefined
let cloud: ReferenceCloud
let services: PorterServices
let api: ReturnType<typeof createPorterApi>
const opened: string[] = []
const uploaded: Record<'hcompany' | 'webrun', { connectionId: string; profileId: string }> = {} as never

const twin = async () =>
  (await (await fetch(`${cloud.url}/_reference/sessions`)).json()) as {
    hcompany: Array<{ status: string }>
    webrun: Array<{ status: string }>
    browsersOpen: number
  }
const running = (list: Array<{ status: string }>) =>
  list.filter((s) => !['completed', 'failed', 'timed_out', 'interrupted', 'terminated'].includes(s.status))

async function check(kind: 'hcompany' | 'webrun', sitesToCheck?: string[]): Promise<CloudCheck> {
  const { connectionId, profileId } = uploaded[kind]
  const plan = await call(api, 'checks:plan', { connectionId, profileId })
  // What the window does on hearing a check end: it asks for the list, and must find the check there with its result.
  let listedOnEnd: Promise<CloudCheck[]> | undefined
  const stopObserving = services.checks.observe((_event, update) => {
    const heard = update as CloudCheck
    if (heard.profile.id === profileId && heard.status !== 'running') listedOnEnd ??= call(api, 'checks:list', { connectionId, profileId })
  })
  const started = await call(api, 'checks:start', { connectionId, profileId, sites: sitesToCheck ?? plan.sites.map((site) => site.site) })
  const result = await services.checks.whenSettled(started.id)
  stopObserving()
  expect((await listedOnEnd)?.find((listed) => listed.id === result.id)?.status).toBe(result.status)
  return result
}

const state = (result: CloudCheck) => Object.fromEntries(result.sites.map((site) => [site.site, site.state]))

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'porter-cloud-check-'))
  checkCloud = await startCheckCloud({ webrunRateLimit: 0 })
  cloud = checkCloud.cloud
  const home = join(root, 'home')
  await signInTheTestSites(join(home, '.config', 'chromium'))
  await mkdir(join(root, 'tmp'))
  services = createServices(
    { platform: 'linux', home, env: {}, dataDir: join(root, 'data'), tempRoot: join(root, 'tmp'), now: () => new Date() },
    bridgeShellAdapters(join(root, 'downloads'), { onOpenAddress: (url) => opened.push(url) }),
    { version: '1.0.0', shell: 'bridge' }
  )
  api = createPorterApi(services)
  for (const kind of ['hcompany', 'webrun'] as const) {
    const connection = await call(api, 'connections:add', {
      kind,
      name: kind === 'hcompany' ? 'H Company' : 'WebRun',
      baseUrl: cloud.url,
      apiKey: kind === 'hcompany' ? 'hk-local-dev' : 'enig_local_dev'
    })
    const job = await call(api, 'transfers:startImport', {
      connectionId: connection.id,
      ref: 'chromium:Default',
      name: 'Work',
      choice: { mode: 'sites', sites: [SITES.mail, SITES.bound, SITES.bank, SITES.gone] }
    })
    const done = await services.transfers.whenSettled(job.id)
    expect(done).toMatchObject({ status: 'done', portability: { sitesNeedingLogin: [] } })
    uploaded[kind] = { connectionId: connection.id, profileId: done.profileId ?? '' }
  }
}, 180_000)

afterEach(async () => {
  Object.assign(cloud.sessions, { ...defaultSessionSettings(), tokensUsed: cloud.sessions.tokensUsed, balance: cloud.sessions.balance })
  Object.assign(services.checks.limits, { timeoutMs: 180_000, stallMs: 60_000 })
  // Whatever a test did, nothing may be left running at the service, and no check in the journal.
  while ((await twin()).browsersOpen > 0) await new Promise((resolve) => setTimeout(resolve, 100))
  expect(running((await twin()).hcompany)).toEqual([])
  expect(running((await twin()).webrun)).toEqual([])
  expect(await readdir(join(root, 'data', 'journal')).catch(() => [])).toEqual([])
})

afterAll(async () => {
  await checkCloud?.close()
  await rm(root, { recursive: true, force: true })
})

describe('H Company', () => {
  it('every verdict right, the session ended, the profile unchanged, tokens counted as the service counts them', async () => {
    const { connectionId, profileId } = uploaded.hcompany
    const plan = await call(api, 'checks:plan', { connectionId, profileId })
    expect(plan.sites.map((site) => [site.site, site.predicted])).toEqual([
      [SITES.mail, 'signed_in'],
      [SITES.gone, 'signed_in'],
      [SITES.bank, 'signed_in'],
      [SITES.bound, 'signed_in']
    ])
    // What the service reports now: other tests' checks may have spent tokens first, in any order.
    const left = (15_000_000 - cloud.sessions.tokensUsed).toLocaleString('en-US')
    expect(plan.cost.join(' ')).toContain(`Tokens left this period: ${left} of 15,000,000. Sessions free now: 3 of 3.`)
    expect(plan.warnings.join(' ')).toContain('security alert')
    const listedBefore = (await call(api, 'profiles:list', { connectionId })).profiles.find((p) => p.id === profileId)
    const tokensBefore = cloud.sessions.tokensUsed

    const result = await check('hcompany')
    expect(result.status).toBe('done')
    expect(state(result)).toEqual({
      [SITES.mail]: 'signed_in',
      [SITES.bound]: 'login_page',
      [SITES.bank]: 'second_factor',
      [SITES.gone]: 'unreachable'
    })
    const mail = result.sites.find((site) => site.site === SITES.mail)
    expect(mail).toMatchObject({
      finalUrl: 'https://example.com/',
      title: 'Inbox – Mail',
      serviceRecord: 'https://example.com/',
      predicted: 'signed_in'
    })
    expect(result.sites.find((site) => site.site === SITES.bound)?.note).toContain('ties sign-ins to the device')
    expect(result.session).toMatchObject({ ended: true })
    expect(result.readOnly).toMatchObject({
      strategy: 'read-only-session',
      unchanged: true,
      before: { checksum: listedBefore?.checksum, sizeBytes: listedBefore?.sizeBytes }
    })
    expect(result.readOnly?.after).toEqual(result.readOnly?.before)
    // What the service counts: one use of the profile, tokens per step; the check reports the same tokens.
    const listedAfter = (await call(api, 'profiles:list', { connectionId })).profiles.find((p) => p.id === profileId)
    expect(listedAfter).toMatchObject({
      usageCount: (listedBefore?.usageCount ?? 0) + 1,
      checksum: listedBefore?.checksum,
      sizeBytes: listedBefore?.sizeBytes
    })
    expect(result.usage?.tokens).toBe(cloud.sessions.tokensUsed - tokensBefore)
    // Kept with the receipt, and listed for the badge.
    const [receipt] = await call(api, 'receipts:list', { connectionId, profileId })
    expect(receipt?.cloudChecks?.at(-1)).toMatchObject({ checkId: result.id, signedIn: 1, total: 4 })
    expect((await call(api, 'checks:list', { connectionId, profileId }))[0]).toMatchObject({ id: result.id, status: 'done' })
  }, 120_000)

  it('no tokens left, or every session busy: said before anything starts', async () => {
    const { connectionId, profileId } = uploaded.hcompany
    const sessionsBefore = (await twin()).hcompany.length
    cloud.sessions.tokensUsed = cloud.sessions.tokensLimit
    expect((await call(api, 'checks:plan', { connectionId, profileId })).blocked?.message).toMatch(
      /token allowance for this period is used up \(it renews on .+\)/
    )
    await expect(check('hcompany', [SITES.mail])).rejects.toThrow(/token allowance for this period is used up/)
    cloud.sessions.tokensUsed = 0
    cloud.sessions.concurrentSessions = 0
    await expect(check('hcompany', [SITES.mail])).rejects.toThrow('All 0 of your H Company sessions are busy')
    expect((await twin()).hcompany).toHaveLength(sessionsBefore)
    await expect(call(api, 'checks:plan', { connectionId, profileId: '00000000-0000-4000-8000-000000000000' })).rejects.toThrow(
      'This profile is no longer at H Company.'
    )
  }, 60_000)

  it('no free browser at the service, and a service that saves although told not to: each said plainly', async () => {
    cloud.sessions.maxBrowsers = 0
    const failed = await check('hcompany', [SITES.mail])
    expect(failed).toMatchObject({ status: 'failed', error: { message: "H Company's browser could not start with this profile." } })
    cloud.sessions.maxBrowsers = 2
    cloud.sessions.hcompanySavesAlways = true
    const broken = await check('hcompany', [SITES.mail])
    expect(broken.readOnly).toMatchObject({ unchanged: false })
    expect(broken.notes.join(' ')).toContain('H Company changed the stored profile during the check')
  }, 90_000)

  it('a session that never finishes: the time limit forces an answer with what was seen, and the session ends', async () => {
    cloud.sessions.stall = true
    services.checks.limits.stallMs = 8000
    const result = await check('hcompany', [SITES.mail, SITES.bank])
    expect(result).toMatchObject({ status: 'done', stopped: 'timeout', session: { ended: true } })
    expect(state(result)).toEqual({ [SITES.mail]: 'signed_in', [SITES.bank]: 'not_checked' })
    expect(result.notes.join(' ')).toMatch(/ran out of time .*: 1 of 2 sites were checked, and the session was ended/)
  }, 90_000)

  it('a run killed mid-check: the next start ends its session at the service', async () => {
    const { connectionId, profileId } = uploaded.hcompany
    cloud.sessions.stall = true
    const created = await fetch(`${cloud.url}/api/v2/sessions`, {
      method: 'POST',
      headers: { authorization: 'Bearer hk-local-dev', 'content-type': 'application/json' },
      body: JSON.stringify({
        agent: { name: 'left', description: 'Left behind.', environments: [{ id: 'browser', kind: 'web', browser_profile_id: profileId }] },
        messages: 'https://example.com/ https://example.org/'
      })
    })
    const { id } = (await created.json()) as { id: string }
    // What the killed run wrote down before it died: its session, under a process that is gone.
    await services.journal.write({
      jobId: 'killed-check',
      pid: 999_999,
      connectionId,
      startedAt: new Date().toISOString(),
      checkSessionId: id
    })
    await recoverInterruptedRuns({ ...services, isAlive: () => false })
    const status = (await (
      await fetch(`${cloud.url}/api/v2/sessions/${id}/status`, { headers: { authorization: 'Bearer hk-local-dev' } })
    ).json()) as {
      status: string
    }
    expect(status.status).toBe('interrupted')
  }, 60_000)

  it('Stop ends the session at the service; the live view opens in the person’s browser', async () => {
    const { connectionId, profileId } = uploaded.hcompany
    cloud.sessions.stall = true
    let watched = false
    const started = await call(api, 'checks:start', { connectionId, profileId, sites: [SITES.mail, SITES.bank] }, (event, payload) => {
      const live = payload as CloudCheck
      if (event !== 'checks:updated' || !live.liveView || watched) return
      watched = true
      void call(api, 'checks:watchLive', { checkId: live.id }).then(() => services.checks.stop(live.id))
    })
    const result = await services.checks.whenSettled(started.id)
    expect(result).toMatchObject({ status: 'cancelled', session: { ended: true } })
    expect(result.notes).toContain('Check stopped. The cloud session was ended.')
    expect(opened.at(-1)).toMatch(/\/_reference\/live\//)
  }, 90_000)
})

describe('WebRun', () => {
  it('checks a throwaway copy: every verdict right, the session ended, the profile byte-identical, the balance charged per task', async () => {
    const { connectionId, profileId } = uploaded.webrun
    const listed = async () => (await call(api, 'profiles:list', { connectionId })).profiles
    const before = await listed()
    const balance = cloud.sessions.balance
    const result = await check('webrun')
    expect(result.status).toBe('done')
    expect(state(result)).toEqual({
      [SITES.mail]: 'signed_in',
      [SITES.bound]: 'login_page',
      [SITES.bank]: 'second_factor',
      [SITES.gone]: 'unreachable'
    })
    // The sign-in page came as WebRun's guardrail: it was answered by stopping, never with a password.
    expect(result.sites.find((site) => site.site === SITES.bound)?.evidence).toContain('I need login credentials to proceed')
    expect(result.readOnly).toMatchObject({ strategy: 'throwaway-copy', unchanged: true })
    expect(result.readOnly?.after?.checksum).toBe(result.readOnly?.before.checksum)
    // The copy is gone, the person's profile was never used.
    const after = await listed()
    expect(after.map((p) => p.id)).toEqual(before.map((p) => p.id))
    expect(after.find((p) => p.id === profileId)?.usageCount).toBe(before.find((p) => p.id === profileId)?.usageCount)
    expect(result.usage).toMatchObject({ balance, usd: expect.closeTo(balance - cloud.sessions.balance, 6) })
  }, 120_000)

  it('at the 20-profile cap: checks the profile itself and puts the upload back', async () => {
    // Made elsewhere (straight at the service), as a person's other tools would.
    const webrun = (path: string, method = 'GET', body?: unknown) =>
      fetch(`${cloud.url}${path}`, {
        method,
        headers: { authorization: 'Bearer enig_local_dev', 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) })
      })
    const count = ((await (await webrun('/profiles')).json()) as { profiles: unknown[] }).profiles.length
    const fillers: string[] = []
    for (let n = count; n < 20; n++)
      fillers.push(
        ((await (await webrun('/profiles', 'POST', { name: `Filler ${n}` })).json()) as { profile: { _id: string } }).profile._id
      )
    try {
      const result = await check('webrun', [SITES.mail])
      expect(result).toMatchObject({ status: 'done', readOnly: { strategy: 'snapshot-restore', restored: true, unchanged: true } })
      expect(result.notes).toContain('WebRun saved the visit into your profile; Porter put your upload back.')
      expect(state(result)).toEqual({ [SITES.mail]: 'signed_in' })
    } finally {
      for (const id of fillers) await webrun(`/profiles/${id}`, 'DELETE')
    }
  }, 120_000)

  it('no balance, no session slot, no free browser: each its own message, and no copy left behind', async () => {
    const { connectionId } = uploaded.webrun
    const count = async () => (await call(api, 'profiles:list', { connectionId })).profiles.length
    const before = await count()
    cloud.sessions.balance = 0
    expect(await check('webrun', [SITES.mail])).toMatchObject({
      status: 'failed',
      error: { message: expect.stringContaining('WebRun balance is too low') }
    })
    cloud.sessions.balance = 12.5
    cloud.sessions.webrunSessions = 0
    expect(await check('webrun', [SITES.mail])).toMatchObject({ error: { message: expect.stringContaining('no more sessions at once') } })
    cloud.sessions.webrunSessions = 5
    cloud.sessions.maxBrowsers = 0
    expect(await check('webrun', [SITES.mail])).toMatchObject({ error: { message: expect.stringContaining('no free browsers right now') } })
    expect(await count()).toBe(before)
  }, 120_000)

  it('a task that never finishes: the check stops it with the sites done so far and ends the session', async () => {
    cloud.sessions.stall = true
    services.checks.limits.stallMs = 8000
    const result = await check('webrun', [SITES.mail, SITES.bank])
    expect(result).toMatchObject({ status: 'done', stopped: 'timeout', session: { ended: true } })
    expect(state(result)).toEqual({ [SITES.mail]: 'signed_in', [SITES.bank]: 'not_checked' })
  }, 120_000)

  it('a profile this computer never sent has no receipt: the plan offers no site and says why', async () => {
    const { connectionId, profileId } = uploaded.webrun
    expect(await call(api, 'checks:plan', { connectionId, profileId })).toMatchObject({ receipt: true })
    const service = await services.connections.serviceFor(connectionId)
    const never = await service.createEmpty({ name: 'Never sent from here' })
    expect(await call(api, 'checks:plan', { connectionId, profileId: never.id })).toMatchObject({ receipt: false, sites: [], more: [] })
    await service.delete(never.id)
  })
})
