import { createHash } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startReferenceCloud, type ReferenceCloud } from './reference-cloud'
import { form, raw, tinyZip } from './test-support/raw-http'

const KEY = 'hk-test-a'
const OTHER = 'hk-test-b'
const auth = (key = KEY) => ({ authorization: `Bearer ${key}` })

interface Initiated {
  profile_id: string
  upload_url: string
  upload_fields: Record<string, string>
  upload_expires_in: number
}

let cloud: ReferenceCloud
let clock: number
const api = (path = '') => `${cloud.url}/api/v2/browser-profiles${path}`

beforeEach(async () => {
  clock = Date.parse('2026-11-23T10:00:00Z')
  cloud = await startReferenceCloud({ agpKeys: [KEY, OTHER], now: () => clock, limits: { hcompanyArchiveBytes: 4096 } })
})
afterEach(() => cloud.close())

async function initiate(key = KEY): Promise<Initiated> {
  const response = await raw('POST', api('/initiate-upload'), { headers: auth(key) })
  expect(response.status).toBe(200)
  return response.json<Initiated>()
}

async function upload(initiated: Initiated, data = tinyZip()) {
  const { body, contentType } = form(Object.entries(initiated.upload_fields), { data })
  return raw('POST', initiated.upload_url, { headers: { 'content-type': contentType }, body })
}

async function complete(id: string, body: unknown, key = KEY) {
  return raw('POST', api(`/${id}/complete-upload`), {
    headers: { ...auth(key), 'content-type': 'application/json' },
    body: JSON.stringify(body)
  })
}

const goodBody = { name: 'acme-prod-login', browser_name: 'chromium', browser_version: '131', labels: { team: 'qa' } }

async function createProfile(key = KEY, body: object = goodBody) {
  const initiated = await initiate(key)
  expect((await upload(initiated)).status).toBe(204)
  const response = await complete(initiated.profile_id, body, key)
  expect(response.status).toBe(201)
  return response.json<Record<string, unknown> & { id: string }>()
}

describe('H Company twin: auth', () => {
  it('answers 401 with a message for a missing or unknown key', async () => {
    for (const headers of [{}, auth('hk-nobody')]) {
      const response = await raw('GET', api(), { headers })
      expect(response.status).toBe(401)
      expect(response.json()).toEqual({ message: expect.any(String) })
    }
  })
})

describe('H Company twin: upload flow', () => {
  it('initiates with a presigned POST whose fields come in the documented order', async () => {
    const initiated = await initiate()
    expect(initiated.profile_id).toMatch(/^[0-9a-f-]{36}$/)
    expect(initiated.upload_expires_in).toBe(3600)
    expect(Object.keys(initiated.upload_fields)).toEqual([
      'key',
      'Content-Type',
      'x-amz-checksum-algorithm',
      'tagging',
      'bucket',
      'policy',
      'x-amz-algorithm',
      'x-amz-credential',
      'x-amz-date',
      'x-amz-signature'
    ])
    const fields = initiated.upload_fields
    expect(fields['key']).toMatch(new RegExp(`^browser-profiles/pending/[0-9a-f-]+/${initiated.profile_id}/profile\\.zip$`))
    expect(fields['Content-Type']).toBe('application/zip')
    expect(fields['tagging']?.startsWith('<')).toBe(true)
    expect(fields['x-amz-signature']).toMatch(/^[0-9a-f]{64}$/)
    const policy = JSON.parse(Buffer.from(fields['policy'] ?? '', 'base64').toString()) as { expiration: string; conditions: unknown[] }
    expect(Date.parse(policy.expiration)).toBe(clock + 3600_000)
    expect(policy.conditions).toContainEqual(['content-length-range', 1, 4096])
    expect(policy.conditions).toContainEqual({ 'x-amz-date': fields['x-amz-date'] })
  })

  it('stores the upload, then completes into the full profile object with the stored checksum', async () => {
    const zip = tinyZip()
    const initiated = await initiate()
    const stored = await upload(initiated, zip)
    expect(stored.status).toBe(204)
    expect(stored.headers['etag']).toMatch(/^"[0-9a-f]{32}"$/)

    const response = await complete(initiated.profile_id, { ...goodBody, description: 'prod' })
    expect(response.status).toBe(201)
    const profile = response.json<Record<string, unknown>>()
    expect(profile).toMatchObject({
      id: initiated.profile_id,
      name: 'acme-prod-login',
      description: 'prod',
      browser_name: 'chromium',
      browser_version: '131',
      file_size_bytes: zip.length,
      checksum: createHash('sha256').update(zip).digest('hex'),
      usage_count: 0,
      last_used_at: null,
      labels: { team: 'qa' },
      is_default: false
    })
    expect(profile['s3_path']).toMatch(/^browser-profiles\/finished\/.+\/profile\.zip$/)
    expect(profile['user_id']).toMatch(/^[0-9a-f-]{36}$/)
    expect(profile['org_id']).toMatch(/^[0-9a-f-]{36}$/)
    expect(profile['created_at']).toBe('2026-11-23T10:00:00Z')
  })

  it('completes only once, and only what was uploaded', async () => {
    const initiated = await initiate()
    const notUploaded = await complete(initiated.profile_id, goodBody)
    expect(notUploaded.status).toBe(422)
    expect(notUploaded.json()).toEqual({ detail: expect.stringContaining('not found') })

    await upload(initiated)
    expect((await complete(initiated.profile_id, goodBody)).status).toBe(201)
    const again = await complete(initiated.profile_id, goodBody)
    expect(again.status).toBe(404)
    expect(again.json()).toEqual({ detail: expect.any(String) })
  })

  it('refuses to complete an archive that is not a zip', async () => {
    const initiated = await initiate()
    expect((await upload(initiated, Buffer.from('not a zip at all'))).status).toBe(204)
    const response = await complete(initiated.profile_id, goodBody)
    expect(response.status).toBe(422)
    expect(response.json()).toEqual({ detail: expect.stringContaining('zip') })
  })

  it('refuses another org completing my upload (404)', async () => {
    const initiated = await initiate()
    await upload(initiated)
    expect((await complete(initiated.profile_id, goodBody, OTHER)).status).toBe(404)
  })

  it.each([
    [{ browser_name: 'chromium', browser_version: '131' }, 'missing', ['body', 'name']],
    [{ ...goodBody, name: '' }, 'string_too_short', ['body', 'name']],
    [{ ...goodBody, browser_version: undefined }, 'missing', ['body', 'browser_version']],
    [{ ...goodBody, labels: { team: 7 } }, 'string_type', ['body', 'labels', 'team']],
    [{ ...goodBody, browser_name: 'chrome' }, 'value_error', ['body', 'browser_name']]
  ])('answers 422 FastAPI-style for %j', async (body, type, loc) => {
    const initiated = await initiate()
    await upload(initiated)
    const response = await complete(initiated.profile_id, body)
    expect(response.status).toBe(422)
    expect(response.json<{ detail: unknown[] }>().detail).toContainEqual(expect.objectContaining({ type, loc, msg: expect.any(String) }))
  })

  it('forgets a pending upload never completed after one day', async () => {
    const initiated = await initiate()
    await upload(initiated)
    clock += 24 * 60 * 60 * 1000 + 1
    expect((await complete(initiated.profile_id, goodBody)).status).toBe(404)
  })
})

describe('H Company twin: profiles', () => {
  it('lists newest first with limit/offset and total, per org', async () => {
    const ids: string[] = []
    for (let i = 0; i < 3; i++) {
      ids.push((await createProfile(KEY, { ...goodBody, name: `p${i}` })).id)
      clock += 1000
    }
    await createProfile(OTHER)
    const page = await raw('GET', api('?limit=2&offset=1'), { headers: auth() })
    expect(page.status).toBe(200)
    const body = page.json<{ total: number; limit: number; offset: number; profiles: Array<{ id: string }> }>()
    expect(body).toMatchObject({ total: 3, limit: 2, offset: 1 })
    expect(body.profiles.map((p) => p.id)).toEqual([ids[1], ids[0]])
    const defaults = await raw('GET', api(), { headers: auth() })
    expect(defaults.json()).toMatchObject({ limit: 10, offset: 0 })
  })

  it.each(['limit=0', 'limit=1001', 'limit=abc', 'offset=-1'])('refuses %s with 422', async (query) => {
    const response = await raw('GET', api(`?${query}`), { headers: auth() })
    expect(response.status).toBe(422)
    expect(response.json<{ detail: Array<{ loc: string[] }> }>().detail[0]?.loc[0]).toBe('query')
  })

  it('gets, hides from other orgs, and deletes with its archive', async () => {
    const profile = await createProfile()
    expect((await raw('GET', api(`/${profile.id}`), { headers: auth() })).json()).toMatchObject({ id: profile.id })
    expect((await raw('GET', api(`/${profile.id}`), { headers: auth(OTHER) })).status).toBe(404)
    expect((await raw('DELETE', api(`/${profile.id}`), { headers: auth(OTHER) })).status).toBe(404)
    const archive = join(cloud.dataDir, 'objects', 'browser-profiles', ...String(profile['s3_path']).split('/'))
    expect(existsSync(archive)).toBe(true)
    const deleted = await raw('DELETE', api(`/${profile.id}`), { headers: auth() })
    expect(deleted.status).toBe(204)
    expect(deleted.text).toBe('')
    expect(existsSync(archive)).toBe(false)
    expect((await raw('GET', api(`/${profile.id}`), { headers: auth() })).status).toBe(404)
  })

  it('answers 422 for an id that is not a UUID', async () => {
    const response = await raw('GET', api('/not-a-uuid'), { headers: auth() })
    expect(response.status).toBe(422)
    expect(response.json<{ detail: Array<{ type: string }> }>().detail[0]?.type).toBe('uuid_parsing')
  })

  it('keeps one default per browser, and unsets it', async () => {
    expect((await raw('GET', api('/default?browser_name=chromium'), { headers: auth() })).status).toBe(404)
    expect((await raw('GET', api('/default'), { headers: auth() })).status).toBe(422)
    const first = await createProfile()
    const second = await createProfile()
    expect((await raw('PUT', api(`/${first.id}/default`), { headers: auth() })).json()).toMatchObject({ is_default: true })
    expect((await raw('PUT', api(`/${second.id}/default`), { headers: auth() })).json()).toMatchObject({ is_default: true })
    expect((await raw('GET', api(`/${first.id}`), { headers: auth() })).json()).toMatchObject({ is_default: false })
    expect((await raw('GET', api('/default?browser_name=chromium'), { headers: auth() })).json()).toMatchObject({ id: second.id })
    expect((await raw('DELETE', api(`/${second.id}/default`), { headers: auth() })).json()).toMatchObject({ is_default: false })
    expect((await raw('GET', api('/default?browser_name=chromium'), { headers: auth() })).status).toBe(404)
  })

  it('counts use through the twin-only endpoint', async () => {
    const profile = await createProfile()
    clock += 5000
    const used = await raw('POST', `${cloud.url}/_reference/browser-profiles/${profile.id}/use`, { headers: auth() })
    expect(used.json()).toMatchObject({ usage_count: 1, last_used_at: '2026-11-23T10:00:05Z' })
  })
})

describe('H Company twin: persistence', () => {
  it('keeps profiles and archives across a restart with --data', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'porter-cloud-data-'))
    try {
      const first = await startReferenceCloud({ dataDir, agpKeys: [KEY] })
      const initiated = (await raw('POST', `${first.url}/api/v2/browser-profiles/initiate-upload`, { headers: auth() })).json<Initiated>()
      await upload(initiated)
      const done = await raw('POST', `${first.url}/api/v2/browser-profiles/${initiated.profile_id}/complete-upload`, {
        headers: { ...auth(), 'content-type': 'application/json' },
        body: JSON.stringify(goodBody)
      })
      expect(done.status).toBe(201)
      await first.close()
      const second = await startReferenceCloud({ dataDir, agpKeys: [KEY] })
      const list = await raw('GET', `${second.url}/api/v2/browser-profiles`, { headers: auth() })
      expect(list.json()).toMatchObject({ total: 1, profiles: [{ id: initiated.profile_id }] })
      await second.close()
    } finally {
      await rm(dataDir, { recursive: true, force: true })
    }
  })
})
