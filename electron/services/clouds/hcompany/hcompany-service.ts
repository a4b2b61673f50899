import { PorterError } from '../../../../shared/errors'
import type { Capabilities, Profile } from '../../../../shared/domain/profile'
import type { Network } from '../../net/network'
import { expectObject, requestJson } from '../http/json-request'
import { uploadMultipart } from '../http/multipart-upload'
import { majorVersion, undoIfCancelled, type ArchiveToImport, type ProfileService, type TransferHooks } from '../profile-service'
import { unsupported } from '../unsupported'
import { hcompanyErrorMessage } from './error-message'
import { fromHcompany } from './map-profile'
import { isExpiredPolicy, parseStorageXml, storageFailure } from './storage-errors'

export const HCOMPANY = 'H Company'

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
    archiveFormat: 'zip'
  }

  async function uploadToStorage(archive: ArchiveToImport, hooks: TransferHooks): Promise<Initiated & { expired: boolean }> {
    hooks.onPhase?.('uploading')
    const initiated = expectObject((await call('/initiate-upload', { method: 'POST', ...(hooks.signal ? { signal: hooks.signal } : {}) })).data, HCOMPANY) as unknown as Initiated
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
    throw storageFailure(response.status, refusal)
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
      // An upload link that expired on the way (a slow upload) is renewed once, from the start.
      let uploaded = await uploadToStorage(archive, hooks)
      if (uploaded.expired) uploaded = await uploadToStorage(archive, hooks)
      if (uploaded.expired) throw storageFailure(403, { code: 'AccessDenied', message: 'Policy expired.' })
      hooks.onPhase?.('finalizing')
      const version = majorVersion(details.browserVersion) ?? '0'
      const completed = await call(`/${uploaded.profile_id}/complete-upload`, {
        method: 'POST',
        body: {
          name: details.name,
          browser_name: details.browserFamily === 'firefox' ? 'firefox' : 'chromium',
          browser_version: version,
          ...(details.description === undefined || details.description === '' ? {} : { description: details.description }),
          labels: details.labels ?? {}
        }
      })
      const profile = fromHcompany(expectObject(completed.data, HCOMPANY))
      const remove = () => call(`/${profile.id}`, { method: 'DELETE' })
      await undoIfCancelled(hooks.signal, remove)
      hooks.onPhase?.('verifying')
      if (profile.checksum !== archive.sha256 || profile.sizeBytes !== archive.sizeBytes) {
        await remove().catch(() => undefined)
        throw new PorterError({
          code: 'service',
          retryable: true,
          message: 'H Company stored something different from what was sent (the checksum or size does not match), so the copy was removed.',
          action: 'Try the import again.'
        })
      }
      await undoIfCancelled(hooks.signal, remove)
      return profile
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
