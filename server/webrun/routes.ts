import { readSmallBody, sendJson } from '../http/respond'
import { isoSeconds, objectId } from '../http/ids'
import type { Router } from '../http/router'
import { fail, webrunGuard } from './guard'
import type { StateStore } from '../state/state-store'
import type { ObjectStore } from '../storage/object-store'
import type { RateLimiter } from './rate-limit'
import { BLOB_BUCKET, DOWNLOAD_URL_LIFETIME_MS, MAX_PROFILES, blobKey, publicProfile, type WebrunProfile } from './records'
import { signBlobUrl } from './signed-url'
import { handleUpload } from './upload'

export interface WebrunOptions {
  store: StateStore
  objects: ObjectStore
  keys: ReadonlySet<string>
  now: () => number
  /** The server-wide limit (requests per 15 minutes per client address), shared with the session API. */
  limiter: RateLimiter
  maxUploadBytes: number
  baseUrl: () => string
}

export function registerWebrun(router: Router, options: WebrunOptions): void {
  const { store, objects } = options
  const profiles = () => store.state.webrun.profiles
  const isoNow = () => isoSeconds(options.now())

  /** Rate limit first (it counts every request), then the Bearer key. */
  const guarded = webrunGuard(options.keys, options.limiter)

  const find = (userId: string, id: string | undefined): WebrunProfile | undefined =>
    profiles().find((profile) => profile._id === id && profile.userId === userId)

  router.add(
    'GET',
    '/profiles',
    guarded(async ({ response }, userId) => {
      const mine = profiles()
        .filter((profile) => profile.userId === userId)
        .sort((a, b) => b.createdMs - a.createdMs)
      sendJson(response, 200, { success: true, profiles: mine.map(publicProfile) })
    })
  )

  router.add(
    'POST',
    '/profiles',
    guarded(async ({ request, response }, userId) => {
      let body: { name?: unknown; description?: unknown }
      try {
        body = JSON.parse((await readSmallBody(request)) || '{}') as typeof body
      } catch {
        return sendJson(response, 400, fail('Invalid JSON body'))
      }
      const name = typeof body.name === 'string' ? body.name.trim() : ''
      const description = typeof body.description === 'string' ? body.description.trim() : ''
      if (name === '') return sendJson(response, 400, fail('Profile name is required'))
      if (name.length > 100) return sendJson(response, 400, fail('Profile name must be 100 characters or less'))
      if (description.length > 500) return sendJson(response, 400, fail('Description must be 500 characters or less'))
      if (profiles().filter((profile) => profile.userId === userId).length >= MAX_PROFILES) {
        return sendJson(response, 400, fail(`Maximum of ${MAX_PROFILES} profiles allowed`))
      }
      const nowMs = options.now()
      const profile: WebrunProfile = {
        _id: objectId(nowMs),
        userId,
        name,
        description,
        blobSize: 0,
        blobUploadedAt: null,
        lastUsedAt: null,
        usageCount: 0,
        status: 'empty',
        createdAt: isoSeconds(nowMs),
        updatedAt: isoSeconds(nowMs),
        createdMs: nowMs
      }
      profiles().push(profile)
      await store.save()
      sendJson(response, 201, { success: true, message: 'Profile created', profile: publicProfile(profile) })
    })
  )

  router.add(
    'DELETE',
    '/profiles/:id',
    guarded(async ({ params, response }, userId) => {
      const profile = find(userId, params['id'])
      if (profile === undefined) return sendJson(response, 404, fail('Profile not found'))
      store.state.webrun.profiles = profiles().filter((p) => p !== profile)
      await objects.remove(BLOB_BUCKET, blobKey(profile))
      await store.save()
      sendJson(response, 200, { success: true, message: 'Profile deleted' })
    })
  )

  router.add(
    'POST',
    '/profiles/:id/upload',
    guarded(async ({ request, response, params }, userId) => {
      const profile = find(userId, params['id'])
      if (profile === undefined) return sendJson(response, 404, fail('Profile not found'))
      await handleUpload(request, response, profile, { objects, save: () => store.save(), isoNow, maxBytes: options.maxUploadBytes })
    })
  )

  router.add(
    'GET',
    '/profiles/:id/download',
    guarded(async ({ params, response }, userId) => {
      const profile = find(userId, params['id'])
      if (profile === undefined) return sendJson(response, 404, fail('Profile not found'))
      if (profile.status !== 'ready' || objects.head(BLOB_BUCKET, blobKey(profile)) === undefined) {
        return sendJson(response, 400, fail('Profile has no data to download'))
      }
      const expiresMs = options.now() + DOWNLOAD_URL_LIFETIME_MS
      sendJson(response, 200, {
        success: true,
        downloadUrl: signBlobUrl(options.baseUrl(), store.state.webrunUrlSecret, blobKey(profile), expiresMs),
        expiresAt: new Date(expiresMs).toISOString()
      })
    })
  )

  // The twin's own addition, so usage shows in the app during development.
  router.add(
    'POST',
    '/_reference/profiles/:id/use',
    guarded(async ({ params, response }, userId) => {
      const profile = find(userId, params['id'])
      if (profile === undefined) return sendJson(response, 404, fail('Profile not found'))
      const now = isoNow()
      Object.assign(profile, { usageCount: profile.usageCount + 1, lastUsedAt: now, updatedAt: now })
      await store.save()
      sendJson(response, 200, { success: true, profile: publicProfile(profile) })
    })
  )
}
