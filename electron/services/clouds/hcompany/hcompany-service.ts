import { PorterError } from '../../../../shared/errors'
import type { Capabilities, Profile } from '../../../../shared/domain/profile'
import type { Network } from '../../net/network'
import { expectObject, requestJson } from '../http/json-request'
import { uploadMultipart } from '../http/multipart-upload'
import { majorVersion, type ArchiveToImport, type MadeSoFar, type ProfileService, type TransferHooks } from '../profile-service'
import { unsupported } from '../unsupported'
import { hcompanyErrorMessage } from './error-message'
import { fromHcompany } from './map-profile'
import { isExpiredPolicy, parseStorageXml, storageFailure } from './storage-errors'

const HCOMPANY = 'H Company'

export interface HcompanyOptions {
  baseUrl: string
  apiKey: string
  network: Network
}

const PAGE = 100

interface Initiated {
  profile_id: string
  upload_url: string
  upload_fields: Record<string, string>
}

/** H Company's browser-profiles API v2: zip archives through a presigned S3 POST. */
export function createHcompanyService(options: HcompanyOptions): ProfileService {
  const base = `${options.baseUrl.replace(/\/+$/, '')}/api/v2/browser-profiles`
  const call = async (path: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}) =>
    requestJson(`${base}${path}`, {
      service: HCOMPANY,
      network: options.network,
      headers: { authorization: `Bearer ${options.apiKey}` },
      errorMessage: hcompanyErrorMessage,
      ...init
    })
  const profileCall = async (path: string, method = 'GET') => fromHcompany(expectObject((await call(path, { method })).data, HCOMPANY))

  const capabilities: Capabilities = {
    canDownload: false,
    canCreateEmpty: false,
    hasLabels: true,
    hasDefaults: true,
    canEditLabels: false,
    maxArchiveBytes: 1024 * 1024 * 1024,
    archiveFormat: 'zip',
    refreshKeepsId: false
  }

  async function uploadToStorage(
    archive: ArchiveToImport,
    hooks: TransferHooks,
    made: MadeSoFar
  ): Promise<Initiated & { expired: boolean }> {
    hooks.onPhase?.('uploading')
    const initiated = expectObject(
      (await call('/initiate-upload', { method: 'POST', ...(hooks.signal ? { signal: hooks.signal } : {}) })).data,
      HCOMPANY
    ) as unknown as Initiated
    Object.assign(made, { profileId: initiated.profile_id, completed: false })
    await made.changed?.()
    const response = await uploadMultipart({
      service: HCOMPANY,
      network: options.network,
      url: initiated.upload_url,
      fields: Object.entries(initiated.upload_fields),
      file: { field: 'file', filename: 'profile.zip', contentType: 'application/zip', path: archive.file, size: archive.sizeBytes },
      ...(hooks.signal ? { signal: hooks.signal } : {}),
      onProgress: (sent, total) => hooks.onProgress?.(sent, total)
    })
    if (response.status >= 200 && response.status < 300) return { ...initiated, expired: false }
    const refusal = parseStorageXml(response.text)
    if (isExpiredPolicy(refusal)) return { ...initiated, expired: true }
    throw storageFailure(response.status, refusal, response.headers['retry-after'])
  }

  /** A profile by id, or undefined when H Company has none (still pending, or never made). */
  async function find(id: string, signal?: AbortSignal): Promise<Profile | undefined> {
    try {
      return fromHcompany(expectObject((await call(`/${encodeURIComponent(id)}`, signal ? { signal } : {})).data, HCOMPANY))
    } catch (error) {
      if (error instanceof PorterError && error.code === 'not_found') return undefined
      throw error
    }
  }

  /** What H Company stored must be what was sent; if not, the bad copy goes and the next try starts over. */
  async function verified(profile: Profile, archive: ArchiveToImport, made: MadeSoFar): Promise<Profile> {
    if (profile.checksum === archive.sha256 && profile.sizeBytes === archive.sizeBytes) return profile
    await call(`/${encodeURIComponent(profile.id)}`, { method: 'DELETE' }).catch(() => undefined)
    Object.assign(made, { profileId: undefined, completed: false })
    await made.changed?.()
    throw new PorterError({
      code: 'service',
      retryable: true,
      message: 'H Company stored something different from what was sent (the checksum or size does not match), so the copy was removed.',
      action: 'Try the import again.'
    })
  }

  return {
    capabilities,

    async list(signal) {
      const profiles: Profile[] = []
      for (let offset = 0; ; offset += PAGE) {
        const page = expectObject((await call(`?limit=${PAGE}&offset=${offset}`, signal ? { signal } : {})).data, HCOMPANY)
        const items = Array.isArray(page['profiles']) ? (page['profiles'] as Array<Record<string, unknown>>) : []
        profiles.push(...items.map(fromHcompany))
        if (items.length === 0 || offset + PAGE >= Number(page['total'] ?? 0)) return profiles
      }
    },

    get: (id) => profileCall(`/${encodeURIComponent(id)}`),

    async importArchive(archive, details, hooks = {}) {
      const made = hooks.made ?? {}
      // A retry after an answer that never came: what the first attempt completed may be there already.
      if (made.profileId !== undefined) {
        const earlier = await find(made.profileId, hooks.signal)
        if (earlier !== undefined) {
          made.completed = true
          await made.changed?.()
          hooks.onPhase?.('verifying')
          return verified(earlier, archive, made)
        }
      }
      // An upload link that expired on the way (a slow upload) is renewed once, from the start.
      let uploaded = await uploadToStorage(archive, hooks, made)
      if (uploaded.expired) uploaded = await uploadToStorage(archive, hooks, made)
      if (uploaded.expired) throw storageFailure(403, { code: 'AccessDenied', message: 'Policy expired.' })
      hooks.onPhase?.('finalizing')
      const completed = await call(`/${uploaded.profile_id}/complete-upload`, {
        method: 'POST',
        body: {
          name: details.name,
          browser_name: details.browserFamily === 'firefox' ? 'firefox' : 'chromium',
          browser_version: majorVersion(details.browserVersion) ?? '0',
          ...(details.description === undefined || details.description === '' ? {} : { description: details.description }),
          labels: details.labels ?? {}
        }
      })
      made.completed = true
      await made.changed?.()
      hooks.onPhase?.('verifying')
      return verified(fromHcompany(expectObject(completed.data, HCOMPANY)), archive, made)
    },

    async download() {
      throw unsupported(HCOMPANY, 'downloads of profiles')
    },
    async createEmpty() {
      throw unsupported(HCOMPANY, 'empty profiles')
    },
    async updateLabels() {
      throw unsupported(HCOMPANY, 'label changes after upload')
    },

    async delete(id) {
      await call(`/${encodeURIComponent(id)}`, { method: 'DELETE' })
    },
    async getDefault(browser) {
      try {
        return await profileCall(`/default?browser_name=${encodeURIComponent(browser)}`)
      } catch (error) {
        if (error instanceof PorterError && error.code === 'not_found') return undefined
        throw error
      }
    },
    setDefault: (id) => profileCall(`/${encodeURIComponent(id)}/default`, 'PUT'),
    unsetDefault: (id) => profileCall(`/${encodeURIComponent(id)}/default`, 'DELETE')
  }
}
