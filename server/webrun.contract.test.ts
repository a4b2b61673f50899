import { randomBytes } from 'node:crypto'
import { gzipSync } from 'node:zlib'
import { PassThrough } from 'node:stream'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { startReferenceCloud, type ReferenceCloud } from './reference-cloud'
import { form, raw } from './test-support/raw-http'

const KEY = 'enig_test_a'
const OTHER = 'enig_test_b'
const auth = (key = KEY) => ({ authorization: `Bearer ${key}` })
const json = (key = KEY) => ({ ...auth(key), 'content-type': 'application/json' })

interface Profile {
  _id: string
  status: string
  blobSize: number
  usageCount: number
  lastUsedAt: string | null
  blobUploadedAt: string | null
}

let cloud: ReferenceCloud
let clock: number

beforeEach(async () => {
  clock = Date.parse('2026-11-23T10:00:00Z')
  cloud = await startReferenceCloud({
    webrunKeys: [KEY, OTHER],
    webrunRateLimit: 0,
    now: () => clock,
    limits: { webrunUploadBytes: 64 * 1024 }
  })
})
afterEach(() => cloud.close())

const url = (path: string) => `${cloud.url}${path}`

async function create(name: string, key = KEY, description?: string) {
  return raw('POST', url('/profiles'), { headers: json(key), body: JSON.stringify({ name, description }) })
}

async function createId(name = 'Work'): Promise<string> {
  const response = await create(name)
  expect(response.status).toBe(201)
  return response.json<{ profile: Profile }>().profile._id
}

function uploadBody(data: Buffer, field = 'file') {
  return form([], { name: field, filename: 'profile.tar.gz', contentType: 'application/gzip', data })
}

async function upload(id: string, data: Buffer, field = 'file') {
  const { body, contentType } = uploadBody(data, field)
  return raw('POST', url(`/profiles/${id}/upload`), { headers: { ...auth(), 'content-type': contentType }, body })
}

async function list(key = KEY): Promise<Profile[]> {
  return (await raw('GET', url('/profiles'), { headers: auth(key) })).json<{ profiles: Profile[] }>().profiles
}

describe('WebRun twin: auth', () => {
  it('uses the documented messages', async () => {
    const missing = await raw('GET', url('/profiles'))
    expect(missing.status).toBe(401)
    expect(missing.json()).toEqual({ success: false, error: 'API key required' })
    const wrong = await raw('GET', url('/profiles'), { headers: auth('enig_nope') })
    expect(wrong.status).toBe(401)
    expect(wrong.json()).toEqual({ success: false, error: 'Invalid or revoked API key' })
  })
})

describe('WebRun twin: profiles', () => {
  it('creates empty profiles and lists them newest first with every documented field', async () => {
    const response = await create('  Work  ', KEY, 'Logged into the CRM')
    expect(response.status).toBe(201)
    expect(response.json()).toMatchObject({ success: true, profile: { name: 'Work', status: 'empty', description: 'Logged into the CRM' } })
    clock += 1000
    await create('Personal')
    const profiles = await list()
    expect(profiles.map((p) => (p as unknown as { name: string }).name)).toEqual(['Personal', 'Work'])
    expect(Object.keys(profiles[0] ?? {}).sort()).toEqual(
      [
        '_id',
        'blobSize',
        'blobUploadedAt',
        'createdAt',
        'description',
        'lastUsedAt',
        'name',
        'status',
        'updatedAt',
        'usageCount',
        'userId'
      ].sort()
    )
    expect(profiles[0]?._id).toMatch(/^[0-9a-f]{24}$/)
    expect(await list(OTHER)).toEqual([])
  })

  it.each([
    [{}, 'Profile name is required'],
    [{ name: '   ' }, 'Profile name is required'],
    [{ name: 'x'.repeat(101) }, 'Profile name must be 100 characters or less'],
    [{ name: 'ok', description: 'd'.repeat(501) }, 'Description must be 500 characters or less']
  ])('refuses %j with 400', async (body, error) => {
    const response = await raw('POST', url('/profiles'), { headers: json(), body: JSON.stringify(body) })
    expect(response.status).toBe(400)
    expect(response.json()).toEqual({ success: false, error })
  })

  it('allows 20 profiles and refuses the 21st', async () => {
    for (let i = 0; i < 20; i++) expect((await create(`p${i}`)).status).toBe(201)
    const response = await create('one too many')
    expect(response.status).toBe(400)
    expect(response.json()).toEqual({ success: false, error: 'Maximum of 20 profiles allowed' })
  })

  it('deletes, and answers 404 for unknown and other users’ profiles', async () => {
    const id = await createId()
    expect((await raw('DELETE', url(`/profiles/${id}`), { headers: auth(OTHER) })).json()).toEqual({
      success: false,
      error: 'Profile not found'
    })
    const deleted = await raw('DELETE', url(`/profiles/${id}`), { headers: auth() })
    expect(deleted.status).toBe(200)
    expect(deleted.json()).toMatchObject({ success: true })
    expect((await raw('DELETE', url(`/profiles/${id}`), { headers: auth() })).status).toBe(404)
  })

  it('counts use through the twin-only endpoint', async () => {
    const id = await createId()
    const used = await raw('POST', url(`/_reference/profiles/${id}/use`), { headers: auth() })
    expect(used.json()).toMatchObject({ profile: { usageCount: 1, lastUsedAt: '2026-11-23T10:00:00Z' } })
  })
})

describe('WebRun twin: upload and download', () => {
  const archive = gzipSync(randomBytes(5000))

  it('stores a tar.gz, marks the profile ready, and serves it back by signed URL with ranges', async () => {
    const id = await createId()
    const response = await upload(id, archive)
    expect(response.status).toBe(200)
    expect(response.json()).toMatchObject({
      success: true,
      profile: { status: 'ready', blobSize: archive.length, blobUploadedAt: '2026-11-23T10:00:00Z' }
    })

    const link = await raw('GET', url(`/profiles/${id}/download`), { headers: auth() })
    const { downloadUrl, expiresAt } = link.json<{ downloadUrl: string; expiresAt: string }>()
    expect(expiresAt).toBe('2026-11-23T11:00:00.000Z')
    const whole = await raw('GET', downloadUrl)
    expect(whole.status).toBe(200)
    expect(whole.headers['content-length']).toBe(String(archive.length))
    expect(whole.body.equals(archive)).toBe(true)
    const part = await raw('GET', downloadUrl, { headers: { range: 'bytes=10-' } })
    expect(part.status).toBe(206)
    expect(part.headers['content-range']).toBe(`bytes 10-${archive.length - 1}/${archive.length}`)
    expect(part.body.equals(archive.subarray(10))).toBe(true)
  })

  it('refuses a tampered or expired download URL with 403', async () => {
    const id = await createId()
    await upload(id, archive)
    const { downloadUrl } = (await raw('GET', url(`/profiles/${id}/download`), { headers: auth() })).json<{ downloadUrl: string }>()
    // Tampered for sure: the signature's first character changed to one it is not (a fixed "0" is a no-op one time in 16).
    const tampered = downloadUrl.replace(/signature=(.)/, (_match, first: string) => `signature=${first === '0' ? '1' : '0'}`)
    expect((await raw('GET', tampered)).status).toBe(403)
    clock += 3600_000
    const expired = await raw('GET', downloadUrl)
    expect(expired.status).toBe(403)
    expect(expired.text).toContain('expired')
  })

  it('has no data to download for an empty profile, and 404 for another user', async () => {
    const id = await createId()
    const empty = await raw('GET', url(`/profiles/${id}/download`), { headers: auth() })
    expect(empty.status).toBe(400)
    expect(empty.json()).toEqual({ success: false, error: 'Profile has no data to download' })
    expect((await raw('GET', url(`/profiles/${id}/download`), { headers: auth(OTHER) })).status).toBe(404)
  })

  it('refuses a missing file, a file that is not gzip, and an unknown profile', async () => {
    const id = await createId()
    const noFile = form([['name', 'x']], undefined)
    const none = await raw('POST', url(`/profiles/${id}/upload`), {
      headers: { ...auth(), 'content-type': noFile.contentType },
      body: noFile.body
    })
    expect(none.json()).toEqual({ success: false, error: 'No file provided' })
    const zip = await upload(id, Buffer.from('PK\x03\x04 not gzip'))
    expect(zip.status).toBe(400)
    expect(zip.json()).toEqual({ success: false, error: 'Only .tar.gz files are allowed' })
    expect((await upload('0123456789abcdef01234567', archive)).status).toBe(404)
    expect((await list())[0]?.status).toBe('empty')
  })

  it('refuses an upload over the limit with 413 and keeps the previous data', async () => {
    const id = await createId()
    await upload(id, archive)
    const huge = Buffer.concat([Buffer.from([0x1f, 0x8b]), Buffer.alloc(128 * 1024)])
    const response = await upload(id, huge)
    expect(response.status).toBe(413)
    expect(response.json()).toMatchObject({ success: false })
    const [profile] = await list()
    expect(profile).toMatchObject({ status: 'ready', blobSize: archive.length })
    const { downloadUrl } = (await raw('GET', url(`/profiles/${id}/download`), { headers: auth() })).json<{ downloadUrl: string }>()
    expect((await raw('GET', downloadUrl)).body.equals(archive)).toBe(true)
  })

  it('shows uploading while the bytes stream, then ready', async () => {
    const id = await createId()
    const { body, contentType } = uploadBody(archive)
    const stream = new PassThrough()
    const pending = raw('POST', url(`/profiles/${id}/upload`), {
      headers: { ...auth(), 'content-type': contentType, 'content-length': body.length },
      body: stream
    })
    stream.write(body.subarray(0, body.length - 100))
    await expect.poll(async () => (await list())[0]?.status).toBe('uploading')
    stream.end(body.subarray(body.length - 100))
    expect((await pending).status).toBe(200)
    expect((await list())[0]?.status).toBe('ready')
  })
})

describe('WebRun twin: rate limit', () => {
  it('answers 429 with Retry-After past the limit', async () => {
    const limited = await startReferenceCloud({ webrunKeys: [KEY], webrunRateLimit: 3, now: () => clock })
    try {
      for (let i = 0; i < 3; i++) expect((await raw('GET', `${limited.url}/profiles`, { headers: auth() })).status).toBe(200)
      const response = await raw('GET', `${limited.url}/profiles`, { headers: auth() })
      expect(response.status).toBe(429)
      expect(Number(response.headers['retry-after'])).toBeGreaterThan(0)
      expect(response.json()).toMatchObject({ success: false })
      clock += 15 * 60 * 1000
      expect((await raw('GET', `${limited.url}/profiles`, { headers: auth() })).status).toBe(200)
    } finally {
      await limited.close()
    }
  })
})
