import { open } from 'node:fs/promises'
import { randomUUID } from 'node:crypto'
import type { ServerResponse } from 'node:http'
import { readSmallBody, sendEmpty, sendJson } from '../http/respond'
import { UUID_PATTERN, isoSeconds } from '../http/ids'
import type { RouteContext, Router } from '../http/router'
import { hcompanyAuth } from './auth'
import type { StateStore } from '../state/state-store'
import type { ObjectStore } from '../storage/object-store'
import { presignPost } from '../storage/policy'
import { BROWSER_NAMES, BUCKET, PENDING_LIFETIME_MS, publicProfile, type HcompanyProfile } from './records'
import { ValidationFailure, parseCompleteBody, parseIntQuery, uuidIssue, type ValidationIssue } from './validation'

export interface HcompanyOptions {
  store: StateStore
  objects: ObjectStore
  keys: ReadonlySet<string>
  now: () => number
  uploadExpiresIn: number
  maxArchiveBytes: number
  /** The storage endpoint's bucket URL, path-style, as S3 hands it out. */
  uploadUrl: () => string
}

const PREFIX = '/api/v2/browser-profiles'
const NOT_FOUND = { detail: 'Browser profile not found' }

function unprocessable(response: ServerResponse, issues: ValidationIssue[]): void {
  sendJson(response, 422, { detail: issues })
}

export function registerHcompany(router: Router, options: HcompanyOptions): void {
  const { store, objects } = options
  const state = () => store.state.hcompany

  /** Runs a handler for an authenticated org, after expiring pending uploads older than a day. */
  const authed = hcompanyAuth(options.keys, () => expirePending())

  async function expirePending(): Promise<void> {
    const cutoff = options.now() - PENDING_LIFETIME_MS
    const expired = state().pending.filter((pending) => pending.createdMs <= cutoff)
    if (expired.length === 0) return
    state().pending = state().pending.filter((pending) => pending.createdMs > cutoff)
    for (const pending of expired) await objects.remove(BUCKET, pending.key)
    await store.save()
  }

  const owned = (orgId: string, id: string): HcompanyProfile | undefined =>
    state().profiles.find((profile) => profile.id === id && profile.org_id === orgId)

  /** Path ids are UUIDs; anything else is a 422 before any lookup, as FastAPI does. */
  const profileId = (context: RouteContext): string => {
    const id = context.params['id'] ?? ''
    if (!UUID_PATTERN.test(id)) throw new ValidationFailure([uuidIssue(id)])
    return id.toLowerCase()
  }

  const touch = async (profile: HcompanyProfile, changes: Partial<HcompanyProfile>) => {
    Object.assign(profile, changes, { updated_at: isoSeconds(options.now()) })
    await store.save()
  }

  router.add(
    'GET',
    PREFIX,
    authed(async ({ url, response }, { orgId }) => {
      const limit = parseIntQuery(url.searchParams.get('limit'), 'limit', 10, { ge: 1, le: 1000 })
      const offset = parseIntQuery(url.searchParams.get('offset'), 'offset', 0, { ge: 0 })
      const issues = [limit, offset].filter((value): value is ValidationIssue => typeof value !== 'number')
      if (issues.length > 0) return unprocessable(response, issues)
      const mine = state()
        .profiles.filter((profile) => profile.org_id === orgId)
        .sort((a, b) => b.createdMs - a.createdMs)
      const page = mine.slice(offset as number, (offset as number) + (limit as number))
      sendJson(response, 200, { total: mine.length, limit, offset, profiles: page.map(publicProfile) })
    })
  )

  router.add(
    'POST',
    `${PREFIX}/initiate-upload`,
    authed(async ({ response }, { orgId }) => {
      const id = randomUUID()
      const key = `browser-profiles/pending/${orgId}/${id}/profile.zip`
      const post = presignPost({
        secret: store.state.storageSecret,
        bucket: BUCKET,
        key,
        contentType: 'application/zip',
        tagging: '<Tagging><TagSet><Tag><Key>status</Key><Value>pending</Value></Tag></TagSet></Tagging>',
        maxBytes: options.maxArchiveBytes,
        expiresIn: options.uploadExpiresIn,
        now: new Date(options.now())
      })
      state().pending.push({ profile_id: id, org_id: orgId, key, fields: Object.keys(post.fields), createdMs: options.now() })
      await store.save()
      sendJson(response, 200, {
        profile_id: id,
        upload_url: options.uploadUrl(),
        upload_fields: post.fields,
        upload_expires_in: post.expiresIn
      })
    })
  )

  router.add(
    'GET',
    `${PREFIX}/default`,
    authed(async ({ url, response }, { orgId }) => {
      const browserName = url.searchParams.get('browser_name')
      if (browserName === null) {
        return unprocessable(response, [{ type: 'missing', loc: ['query', 'browser_name'], msg: 'Field required', input: null }])
      }
      const profile = state().profiles.find((p) => p.org_id === orgId && p.is_default && p.browser_name === browserName)
      if (profile === undefined) return sendJson(response, 404, { detail: `No default browser profile for browser_name '${browserName}'` })
      sendJson(response, 200, publicProfile(profile))
    })
  )

  router.add(
    'POST',
    `${PREFIX}/:id/complete-upload`,
    authed(async (context, { orgId, userId }) => {
      const id = profileId(context)
      const body = parseCompleteBody(await readSmallBody(context.request), BROWSER_NAMES)
      const pending = state().pending.find((p) => p.profile_id === id && p.org_id === orgId)
      if (pending === undefined) return sendJson(context.response, 404, { detail: 'No pending upload found for this profile_id' })
      const object = objects.head(BUCKET, pending.key)
      if (object === undefined)
        return sendJson(context.response, 422, { detail: 'Profile archive not found in storage; upload it before completing' })
      if (!(await isZip(objects.pathOf(BUCKET, pending.key)))) {
        return sendJson(context.response, 422, { detail: 'Profile archive is not a valid zip file' })
      }
      const finishedKey = `browser-profiles/finished/${orgId}/${id}/profile.zip`
      const stored = await objects.move(BUCKET, pending.key, finishedKey)
      const nowMs = options.now()
      const profile: HcompanyProfile = {
        id,
        user_id: userId,
        org_id: orgId,
        name: body.name,
        description: body.description,
        browser_name: body.browser_name,
        browser_version: body.browser_version,
        s3_path: finishedKey,
        file_size_bytes: stored.size,
        checksum: stored.sha256,
        usage_count: 0,
        last_used_at: null,
        labels: body.labels,
        is_default: false,
        created_at: isoSeconds(nowMs),
        updated_at: isoSeconds(nowMs),
        createdMs: nowMs
      }
      state().pending = state().pending.filter((p) => p !== pending)
      state().profiles.push(profile)
      await store.save()
      sendJson(context.response, 201, publicProfile(profile))
    })
  )

  router.add(
    'GET',
    `${PREFIX}/:id`,
    authed(async (context, { orgId }) => {
      const profile = owned(orgId, profileId(context))
      if (profile === undefined) return sendJson(context.response, 404, NOT_FOUND)
      sendJson(context.response, 200, publicProfile(profile))
    })
  )

  router.add(
    'DELETE',
    `${PREFIX}/:id`,
    authed(async (context, { orgId }) => {
      const profile = owned(orgId, profileId(context))
      if (profile === undefined) return sendJson(context.response, 404, NOT_FOUND)
      state().profiles = state().profiles.filter((p) => p !== profile)
      await objects.remove(BUCKET, profile.s3_path)
      await store.save()
      sendEmpty(context.response, 204)
    })
  )

  router.add(
    'PUT',
    `${PREFIX}/:id/default`,
    authed(async (context, { orgId }) => {
      const profile = owned(orgId, profileId(context))
      if (profile === undefined) return sendJson(context.response, 404, NOT_FOUND)
      for (const other of state().profiles) {
        if (other !== profile && other.org_id === orgId && other.browser_name === profile.browser_name && other.is_default) {
          other.is_default = false
        }
      }
      await touch(profile, { is_default: true })
      sendJson(context.response, 200, publicProfile(profile))
    })
  )

  router.add(
    'DELETE',
    `${PREFIX}/:id/default`,
    authed(async (context, { orgId }) => {
      const profile = owned(orgId, profileId(context))
      if (profile === undefined) return sendJson(context.response, 404, NOT_FOUND)
      await touch(profile, { is_default: false })
      sendJson(context.response, 200, publicProfile(profile))
    })
  )

  // The twin's own addition, so usage shows in the app during development.
  router.add(
    'POST',
    '/_reference/browser-profiles/:id/use',
    authed(async (context, { orgId }) => {
      const profile = owned(orgId, profileId(context))
      if (profile === undefined) return sendJson(context.response, 404, NOT_FOUND)
      await touch(profile, { usage_count: profile.usage_count + 1, last_used_at: isoSeconds(options.now()) })
      sendJson(context.response, 200, publicProfile(profile))
    })
  )
}

async function isZip(path: string): Promise<boolean> {
  const handle = await open(path, 'r')
  try {
    const { buffer, bytesRead } = await handle.read(Buffer.alloc(4), 0, 4, 0)
    const magic = buffer.subarray(0, bytesRead).toString('latin1')
    return magic === 'PK\x03\x04' || magic === 'PK\x05\x06'
  } finally {
    await handle.close()
  }
}
