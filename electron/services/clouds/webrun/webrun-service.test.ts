import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import type { PorterError } from '../../../../shared/errors'
import { startReferenceCloud, type ReferenceCloud } from '../../../../server/reference-cloud'
import { makeArchive } from '../../../../test/support/archives'
import { startFaultProxy, type FaultProxy } from '../../../../test/support/fault-proxy'
import { Pacer } from './pacer'
import type { MadeSoFar } from '../profile-service'
import { createWebrunService } from './webrun-service'
import { directNetwork } from '../../../../test/support/direct-network'

let cloud: ReferenceCloud
let proxy: FaultProxy
let work: string
const KEY = 'enig_client_test'
const details = { name: 'Work', description: 'CRM login', browserFamily: 'chromium' as const }
const quick = { pollStartMs: 10, sleep: (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, Math.min(ms, 20))) }

beforeEach(async () => {
  work = await mkdtemp(join(tmpdir(), 'porter-wr-'))
  cloud = await startReferenceCloud({ webrunKeys: [KEY], webrunRateLimit: 0, limits: { webrunUploadBytes: 512 * 1024 } })
  proxy = await startFaultProxy(cloud.url)
})
afterEach(async () => {
  await proxy.close()
  await cloud.close()
  await rm(work, { recursive: true, force: true })
})

const service = (apiKey = KEY) => createWebrunService({ baseUrl: proxy.url, apiKey, network: directNetwork(), ...quick })

describe('WebRun client', () => {
  it('imports (create + streamed upload), then downloads the same bytes', async () => {
    const archive = await makeArchive(work, 'tgz')
    const webrun = service()
    const profile = await webrun.importArchive(archive, details)
    expect(profile).toMatchObject({ name: 'Work', description: 'CRM login', status: 'ready', sizeBytes: archive.sizeBytes, usageCount: 0 })
    expect(profile).not.toHaveProperty('lastUsedAt')
    const upload = proxy.seen.find((r) => r.path.endsWith('/upload'))
    expect(upload?.headers['transfer-encoding']).toBeUndefined()
    expect(Number(upload?.headers['content-length'])).toBeGreaterThan(archive.sizeBytes)

    const target = join(work, 'downloaded.tar.gz')
    await webrun.download(profile.id, target)
    expect(await readFile(target)).toEqual(await readFile(archive.file))
    expect((await readdir(work)).filter((name) => name.endsWith('.part'))).toEqual([])
  })

  it('checks names and descriptions before sending anything', async () => {
    await expect(service().createEmpty({ name: 'x'.repeat(101) })).rejects.toMatchObject({
      code: 'invalid_input',
      message: 'WebRun allows names of at most 100 characters.'
    })
    await expect(service().createEmpty({ name: 'ok', description: 'd'.repeat(501) })).rejects.toMatchObject({
      message: 'WebRun allows descriptions of at most 500 characters.'
    })
    expect(proxy.seen).toEqual([])
  })

  it('says the 20-profile limit plainly, with what to do, when an empty profile is refused for it', async () => {
    const webrun = service()
    for (let i = 0; i < 20; i++) await webrun.createEmpty({ name: `p${i}` })
    const refused = (await webrun.createEmpty({ name: 'p21' }).catch((error: unknown) => error)) as PorterError
    expect(refused).toMatchObject({
      code: 'conflict',
      message: 'WebRun holds at most 20 profiles, and this account has 20.',
      action: 'Delete a profile first (select it in the list, then Delete), then try again.'
    })
    expect(JSON.stringify(refused.toData())).not.toContain('Check what you entered')
  })

  it('says which profile it made before uploading, so whoever runs the import can undo it', async () => {
    const tooBig = await makeArchive(work, 'tgz', 600 * 1024)
    const made: MadeSoFar = {}
    await expect(service().importArchive(tooBig, details, { made })).rejects.toMatchObject({ code: 'too_large' })
    expect((await service().list()).map((profile) => profile.id)).toEqual([made.profileId])
  })

  it('uploads a retry into the profile the first try made, never a second one', async () => {
    proxy.faults.push({ path: /\/upload$/, action: { kind: 'drop-request', afterFraction: 0.5 } })
    const made: MadeSoFar = {}
    const webrun = service()
    await expect(webrun.importArchive(await makeArchive(work, 'tgz'), details, { made })).rejects.toMatchObject({
      code: 'network',
      retryable: true
    })
    const profile = await webrun.importArchive(await makeArchive(work, 'tgz'), details, { made })
    expect(profile.id).toBe(made.profileId)
    expect((await webrun.list()).map((listed) => listed.id)).toEqual([profile.id])
  })

  it('finds the profile whose creation answer was lost, instead of making another', async () => {
    proxy.faults.push({ method: 'POST', path: /^\/profiles$/, action: { kind: 'drop-response', afterFraction: 0 } })
    const made: MadeSoFar = {}
    const profile = await service().importArchive(await makeArchive(work, 'tgz'), details, { made })
    expect((await service().list()).map((listed) => listed.id)).toEqual([profile.id])
  })

  it('waits for a profile the service is still processing', async () => {
    const asUploading = (json: unknown) => {
      const body = json as { profile?: { status: string }; profiles?: Array<{ status: string }> }
      if (body.profile) body.profile.status = 'uploading'
      body.profiles?.forEach((p) => (p.status = 'uploading'))
      return body
    }
    proxy.faults.push({ path: /\/upload$/, action: { kind: 'rewrite-json', rewrite: asUploading } })
    proxy.faults.push({ method: 'GET', path: /^\/profiles$/, times: 2, action: { kind: 'rewrite-json', rewrite: asUploading } })
    const profile = await service().importArchive(await makeArchive(work, 'tgz'), details)
    expect(profile.status).toBe('ready')
    expect(proxy.seen.filter((r) => r.method === 'GET' && r.path === '/profiles')).toHaveLength(3)
  })

  it('resumes a download that dropped half-way with a Range request', async () => {
    const archive = await makeArchive(work, 'tgz', 400 * 1024)
    const webrun = service()
    const profile = await webrun.importArchive(archive, details)
    proxy.faults.push({ method: 'GET', path: /^\/webrun-storage\//, action: { kind: 'drop-response', afterFraction: 0.5 } })
    const target = join(work, 'resumed.tar.gz')
    await expect(webrun.download(profile.id, target)).rejects.toMatchObject({ code: 'network' })
    await webrun.download(profile.id, target)
    expect(await readFile(target)).toEqual(await readFile(archive.file))
    const ranged = proxy.seen.filter((r) => r.path.startsWith('/webrun-storage/')).map((r) => r.headers['range'])
    expect(ranged[0]).toBeUndefined()
    expect(ranged[1]).toMatch(/^bytes=\d+-$/)
  })

  it('passes on a 429 with how long WebRun asked to wait, on calls and on the upload alike', async () => {
    proxy.faults.push({
      method: 'GET',
      path: /^\/profiles$/,
      action: { kind: 'status', status: 429, headers: { 'retry-after': '7' }, body: '{"success":false,"error":"Too many requests"}' }
    })
    await expect(service().list()).rejects.toMatchObject({ code: 'rate_limited', retryable: true, retryAfterSeconds: 7 })
    proxy.faults.push({
      path: /\/upload$/,
      action: { kind: 'status', status: 429, headers: { 'retry-after': '9' }, body: '{"success":false,"error":"Too many requests"}' }
    })
    await expect(service().importArchive(await makeArchive(work, 'tgz'), details)).rejects.toMatchObject({
      code: 'rate_limited',
      retryAfterSeconds: 9
    })
  })

  it('deletes, and 404s in plain words afterwards', async () => {
    const webrun = service()
    const profile = await webrun.createEmpty({ name: 'gone soon' })
    await webrun.delete(profile.id)
    await expect(webrun.delete(profile.id)).rejects.toMatchObject({
      code: 'not_found',
      message: expect.stringContaining('Profile not found')
    })
  })
  it('sends a delete again when WebRun closed the idle connection it went out on, but never a create', async () => {
    const webrun = service()
    const profile = await webrun.createEmpty({ name: 'gone soon' })
    // The connection that carried the create is kept for the delete, and WebRun closes it as the delete arrives.
    proxy.faults.push({ method: 'DELETE', path: /^\/profiles\//, action: { kind: 'closed-while-idle' } })
    await webrun.delete(profile.id)
    expect(proxy.seen.filter((request) => request.method === 'DELETE')).toHaveLength(2)
    await expect(webrun.get(profile.id)).rejects.toMatchObject({ code: 'not_found' })

    // A create that may have been made is not sent twice: the person is told, and nothing is duplicated.
    proxy.faults.push({ method: 'POST', path: /^\/profiles$/, action: { kind: 'closed-while-idle' } })
    await expect(webrun.createEmpty({ name: 'once' })).rejects.toMatchObject({
      code: 'network',
      retryable: true,
      message: 'The connection to WebRun was lost.'
    })
    expect(proxy.seen.filter((request) => request.method === 'POST')).toHaveLength(2)
    expect(await webrun.list()).toEqual([])
  })
})

describe('WebRun pacing', () => {
  it('keeps under the allowance by waiting, and refuses plainly when the wait is long', async () => {
    let now = 0
    const waited: number[] = []
    const pacer = new Pacer({
      limit: 3,
      windowMs: 10_000,
      now: () => now,
      sleep: async (ms) => void (waited.push(ms), (now += ms)),
      maxWaitMs: 60_000
    })
    for (let i = 0; i < 4; i++) await pacer.take('WebRun')
    expect(waited).toEqual([10_000])
    const strict = new Pacer({ limit: 1, windowMs: 15 * 60_000, now: () => 0, maxWaitMs: 1000 })
    await strict.take('WebRun')
    await expect(strict.take('WebRun')).rejects.toMatchObject({
      code: 'rate_limited',
      message: 'WebRun allows 1 request every 15 minutes, and this computer has used it.',
      action: expect.stringMatching(/^Try again at \d\d:\d\d/)
    })
  })
})
