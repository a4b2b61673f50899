import { PorterError } from '../../../../shared/errors'
import type { Capabilities, Profile } from '../../../../shared/domain/profile'
import { downloadFile } from '../http/download-file'
import type { Network } from '../../net/network'
import { expectObject, requestJson, retryAfterSeconds } from '../http/json-request'
import { uploadMultipart } from '../http/multipart-upload'
import { httpFailure } from '../http/service-errors'
import type { ArchiveToImport, ProfileService, TransferHooks } from '../profile-service'
import { unsupported } from '../unsupported'
import { accountFull } from '../../../../shared/domain/account-full'
import { fromWebrun } from './map-profile'
import { sleep } from '../../timing/sleep'
import { Pacer, type PacerOptions } from './pacer'

export const WEBRUN = 'WebRun'

export interface WebrunOptions {
  baseUrl: string
  apiKey: string
  network: Network
  pacing?: Partial<PacerOptions>
  /** First wait between "is it ready yet?" checks; it doubles up to 15 s. */
  pollStartMs?: number
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
}

const errorMessage = (body: unknown) => (typeof body === 'object' && body !== null ? (body as { error?: string }).error : undefined)

function checkDetails(details: { name: string; description?: string }): void {
  if (details.name.trim() === '') throw new PorterError({ code: 'invalid_input', message: 'Give the profile a name.' })
  if (details.name.trim().length > 100)
    throw new PorterError({ code: 'invalid_input', message: 'WebRun allows names of at most 100 characters.', action: 'Shorten the name.' })
  if ((details.description ?? '').trim().length > 500) {
    throw new PorterError({
      code: 'invalid_input',
      message: 'WebRun allows descriptions of at most 500 characters.',
      action: 'Shorten the description.'
    })
  }
}

/** WebRun's profiles API: tar.gz archives, 20 profiles, 100 requests per 15 minutes. */
export function createWebrunService(options: WebrunOptions): ProfileService {
  const base = `${options.baseUrl.replace(/\/+$/, '')}/profiles`
  const wait = options.sleep ?? sleep
  const pacer = new Pacer({ limit: 100, windowMs: 15 * 60_000, sleep: wait, ...options.pacing })
  const auth = { authorization: `Bearer ${options.apiKey}` }

  /** Every call to the profile endpoints is paced; a 429 (with its Retry-After) is the job's to wait out. */
  async function call(
    path: string,
    init: { method?: string; body?: unknown; signal?: AbortSignal } = {}
  ): Promise<Record<string, unknown>> {
    await pacer.take(WEBRUN, init.signal)
    return expectObject(
      (await requestJson(`${base}${path}`, { service: WEBRUN, network: options.network, headers: auth, errorMessage, ...init })).data,
      WEBRUN
    )
  }
  const profileOf = (body: Record<string, unknown>) => fromWebrun(expectObject(body['profile'], WEBRUN))

  const capabilities: Capabilities = {
    canDownload: true,
    canCreateEmpty: true,
    hasLabels: false,
    hasDefaults: false,
    canEditLabels: false,
    maxArchiveBytes: 500 * 1024 * 1024,
    archiveFormat: 'tgz',
    refreshKeepsId: true,
    maxProfiles: 20
  }

  async function list(signal?: AbortSignal): Promise<Profile[]> {
    const body = await call('', signal ? { signal } : {})
    return (Array.isArray(body['profiles']) ? (body['profiles'] as Array<Record<string, unknown>>) : []).map(fromWebrun)
  }

  async function get(id: string, signal?: AbortSignal): Promise<Profile> {
    const found = (await list(signal)).find((profile) => profile.id === id)
    if (found === undefined) throw httpFailure(WEBRUN, 404, 'Profile not found')
    return found
  }

  /** The service may still be processing after the upload; ask, waiting longer each time. */
  async function waitUntilReady(id: string, signal?: AbortSignal): Promise<Profile> {
    let delay = options.pollStartMs ?? 2000
    for (let attempt = 0; attempt < 12; attempt++) {
      const profile = await get(id, signal)
      if (profile.status !== 'uploading') return profile
      await wait(delay, signal)
      delay = Math.min(delay * 2, 15_000)
    }
    throw new PorterError({
      code: 'service',
      retryable: true,
      message: 'WebRun is still processing the upload.',
      action: 'Refresh the list in a few minutes.'
    })
  }

  async function createEmpty(details: { name: string; description?: string }): Promise<Profile> {
    checkDetails(details)
    try {
      const body = await call('', {
        method: 'POST',
        body: { name: details.name.trim(), ...(details.description ? { description: details.description.trim() } : {}) }
      })
      return profileOf(body)
    } catch (error) {
      // A refusal of a name that passed the checks above is, in practice, the 20-profile limit: said plainly.
      const max = capabilities.maxProfiles ?? 20
      if (error instanceof PorterError && error.code === 'invalid_input' && (await list().catch(() => [])).length >= max)
        throw new PorterError({ code: 'conflict', ...accountFull(WEBRUN, max) }, { cause: error })
      throw error
    }
  }

  /** Sends an archive into a profile, replacing its data, and waits until WebRun has all of it. */
  async function uploadInto(id: string, archive: ArchiveToImport, hooks: TransferHooks): Promise<Profile> {
    const signal = hooks.signal
    hooks.onPhase?.('uploading')
    await pacer.take(WEBRUN, signal)
    // An upload replaces the profile's data: a retry sends into the same profile again.
    const response = await uploadMultipart({
      service: WEBRUN,
      network: options.network,
      url: `${base}/${encodeURIComponent(id)}/upload`,
      headers: auth,
      fields: [],
      file: { field: 'file', filename: 'profile.tar.gz', contentType: 'application/gzip', path: archive.file, size: archive.sizeBytes },
      ...(signal ? { signal } : {}),
      onProgress: (sent, total) => hooks.onProgress?.(sent, total)
    })
    let parsed: unknown
    try {
      parsed = JSON.parse(response.text)
    } catch {
      parsed = undefined
    }
    if (response.status < 200 || response.status >= 300)
      throw httpFailure(WEBRUN, response.status, errorMessage(parsed), retryAfterSeconds(response.headers['retry-after']))
    hooks.onPhase?.('finalizing')
    let profile = fromWebrun(expectObject(expectObject(parsed, WEBRUN)['profile'], WEBRUN))
    if (profile.status === 'uploading') profile = await waitUntilReady(profile.id, signal)
    hooks.onPhase?.('verifying')
    if (profile.sizeBytes !== archive.sizeBytes) {
      throw new PorterError({
        code: 'service',
        retryable: true,
        message: `WebRun stored ${profile.sizeBytes ?? 0} bytes of the ${archive.sizeBytes} sent.`,
        action: 'Try the import again.'
      })
    }
    return profile
  }

  return {
    capabilities,
    list,
    get: (id) => get(id),
    createEmpty,

    async importArchive(archive, details, hooks = {}) {
      checkDetails(details)
      const made = hooks.made ?? {}
      const signal = hooks.signal
      if (made.profileId === undefined) {
        made.existingIds ??= (await list(signal)).map((profile) => profile.id)
        await made.changed?.()
        try {
          made.profileId = (await createEmpty(details)).id
        } catch (error) {
          // The answer to the create was lost, not the create: the new profile is found by what is new.
          if (!(error instanceof PorterError && error.code === 'network')) throw error
          const known = new Set(made.existingIds)
          const adopted = (await list(signal)).find((profile) => !known.has(profile.id) && profile.name === details.name.trim())
          if (adopted === undefined) throw error
          made.profileId = adopted.id
        }
        await made.changed?.()
      }
      return uploadInto(made.profileId, archive, hooks)
    },

    async replaceArchive(id, archive, hooks = {}) {
      // WebRun's upload replaces a profile's data; a refused or broken upload leaves the old data as it was.
      await get(id, hooks.signal)
      return uploadInto(id, archive, hooks)
    },

    async download(id, target, hooks = {}) {
      hooks.onPhase?.('downloading')
      const link = await call(`/${encodeURIComponent(id)}/download`, hooks.signal ? { signal: hooks.signal } : {})
      const url = link['downloadUrl']
      if (typeof url !== 'string') throw httpFailure(WEBRUN, 502, 'No download link was returned')
      await downloadFile({
        service: WEBRUN,
        network: options.network,
        url,
        target,
        ...(hooks.signal ? { signal: hooks.signal } : {}),
        onProgress: (done, total) => hooks.onProgress?.(done, total)
      })
    },

    async delete(id) {
      await call(`/${encodeURIComponent(id)}`, { method: 'DELETE' })
    },
    getDefault: async () => undefined,
    async setDefault() {
      throw unsupported(WEBRUN, 'default profiles')
    },
    async unsetDefault() {
      throw unsupported(WEBRUN, 'default profiles')
    },
    async updateLabels() {
      throw unsupported(WEBRUN, 'labels')
    }
  }
}
