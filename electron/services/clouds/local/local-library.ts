import { randomUUID } from 'node:crypto'
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { PorterError } from '../../../../shared/errors'
import type { Capabilities, Profile } from '../../../../shared/domain/profile'
import type { ArchiveToImport, ProfileService, TransferHooks } from '../profile-service'
import { unsupported } from '../unsupported'
import { writeJsonAtomic } from '../../fs/private-files'
import { copyWithProgress } from './copy-with-progress'
import { ARCHIVE, type StoredProfile, parseRecord, rebuiltRecord } from './library-record'
import { textOrder } from '../../../../shared/text-order'

const THIS_COMPUTER = 'This computer'

function notFound(): PorterError {
  return new PorterError({
    code: 'not_found',
    message: 'This profile is no longer in the library on this computer.',
    action: 'Refresh the list.'
  })
}

function damagedFirst(): PorterError {
  return new PorterError({
    code: 'invalid_input',
    message: 'This profile’s record is damaged, so Profile Porter cannot tell what it holds.',
    action: 'Repair it (its archive is kept and measured again), or delete it.'
  })
}

/**
 * The built-in library: each profile a folder under the app's data folder with its tar.gz and a
 * metadata file, so a person with no account can import, export, label and delete.
 */
export function createLocalLibrary(options: { dataDir: string; now: () => Date }): ProfileService {
  const root = join(options.dataDir, 'library')
  const folder = (id: string) => {
    if (!/^[0-9a-f-]{36}$/.test(id)) throw notFound()
    return join(root, id)
  }

  /** A damaged record is shown, not hidden, so nothing is silently lost: listed with why, to repair or delete. */
  async function read(id: string): Promise<StoredProfile> {
    let text: string
    try {
      text = await readFile(join(folder(id), 'meta.json'), 'utf8')
    } catch {
      throw notFound()
    }
    return parseRecord(id, text)
  }

  async function save(profile: StoredProfile): Promise<Profile> {
    await writeJsonAtomic(join(folder(profile.id), 'meta.json'), profile)
    const { archive: _archive, ...visible } = profile
    return visible
  }

  const stamp = () => options.now().toISOString()

  async function newEntry(fields: Omit<StoredProfile, 'id' | 'createdAt' | 'updatedAt'>): Promise<StoredProfile> {
    const id = randomUUID()
    await mkdir(folder(id), { recursive: true, mode: 0o700 })
    return { id, createdAt: stamp(), updatedAt: stamp(), ...fields }
  }

  /** Copies an archive into the library and checks it arrived whole; a copy that does not match is removed. */
  async function receive(archive: ArchiveToImport, target: string, hooks: TransferHooks): Promise<{ sha256: string; bytes: number }> {
    hooks.onPhase?.('uploading')
    const copied = await copyWithProgress(archive.file, target, {
      bytesNeeded: archive.sizeBytes,
      ...(hooks.signal ? { signal: hooks.signal } : {}),
      onProgress: (done) => hooks.onProgress?.(done, archive.sizeBytes)
    })
    hooks.onPhase?.('verifying')
    if (copied.sha256 !== archive.sha256) {
      await rm(target, { force: true })
      throw new PorterError({
        code: 'internal',
        retryable: true,
        message: 'The copy in the library does not match the archive (checksum).',
        action: 'Try again.'
      })
    }
    return copied
  }

  /**
   * An update killed mid-copy leaves its unfinished archive beside the real one; the first listing
   * of a run removes such leftovers (this run has started no update yet, so none is in use).
   */
  let swept = false
  async function sweepOnce(ids: string[]): Promise<void> {
    if (swept) return
    swept = true
    await Promise.all(
      ids
        .filter((id) => /^[0-9a-f-]{36}$/.test(id))
        .flatMap((id) => [`${ARCHIVE}.next`, `${ARCHIVE}.next.part`].map((name) => rm(join(root, id, name), { force: true })))
    )
  }

  const capabilities: Capabilities = {
    canDownload: true,
    canCreateEmpty: true,
    hasLabels: true,
    hasDefaults: false,
    canEditLabels: true,
    archiveFormat: 'tgz',
    refreshKeepsId: true
  }

  return {
    capabilities,

    async list() {
      const ids = await readdir(root).catch(() => [] as string[])
      await sweepOnce(ids)
      const profiles = await Promise.all(ids.filter((id) => /^[0-9a-f-]{36}$/.test(id)).map((id) => read(id).catch(() => undefined)))
      return profiles
        .filter((profile): profile is StoredProfile => profile !== undefined)
        .map(({ archive: _archive, ...profile }) => profile)
        .sort((a, b) => textOrder(b.createdAt ?? '', a.createdAt ?? ''))
    },

    async get(id) {
      const { archive: _archive, ...profile } = await read(id)
      return profile
    },

    async createEmpty(details) {
      const entry = await newEntry({
        name: details.name.trim(),
        ...(details.description ? { description: details.description } : {}),
        status: 'empty',
        labels: {}
      })
      return save(entry)
    },

    async importArchive(archive, details, hooks = {}) {
      if (archive.format !== 'tgz') throw unsupported(THIS_COMPUTER, 'zip archives in the library')
      const made = hooks.made ?? {}
      // A retry starts a fresh entry; the one an earlier attempt began is this import's own to drop.
      if (made.profileId !== undefined) await rm(folder(made.profileId), { recursive: true, force: true })
      const entry = await newEntry({
        name: details.name.trim(),
        ...(details.description ? { description: details.description } : {}),
        labels: details.labels ?? {},
        browser: details.browserFamily,
        ...(details.browserVersion === undefined ? {} : { browserVersion: details.browserVersion }),
        status: 'uploading'
      })
      // Listed (as uploading) and written down before a byte is copied: a crash leaves nothing unaccounted for.
      await save(entry)
      made.profileId = entry.id
      await made.changed?.()
      const copied = await receive(archive, join(folder(entry.id), ARCHIVE), hooks)
      return save({ ...entry, status: 'ready', sizeBytes: copied.bytes, checksum: copied.sha256, archive: ARCHIVE, updatedAt: stamp() })
    },

    async replaceArchive(id, archive, hooks = {}) {
      await sweepOnce(await readdir(root).catch(() => [] as string[]))
      if (archive.format !== 'tgz') throw unsupported(THIS_COMPUTER, 'zip archives in the library')
      const entry = await read(id)
      if (entry.damaged !== undefined) throw damagedFirst()
      // The new archive is checked beside the old one and takes its place in one rename: a failure keeps the old.
      const next = join(folder(id), `${ARCHIVE}.next`)
      try {
        const copied = await receive(archive, next, hooks)
        await rename(next, join(folder(id), ARCHIVE))
        return save({ ...entry, status: 'ready', sizeBytes: copied.bytes, checksum: copied.sha256, archive: ARCHIVE, updatedAt: stamp() })
      } finally {
        await rm(next, { force: true })
      }
    },

    async download(id, target, hooks = {}) {
      const profile = await read(id)
      if (profile.damaged !== undefined) throw damagedFirst()
      if (profile.archive === undefined) {
        throw new PorterError({
          code: 'invalid_input',
          message: 'This profile is empty, so there is nothing to save.',
          action: 'Import a browser profile into it first.'
        })
      }
      hooks.onPhase?.('downloading')
      await copyWithProgress(join(folder(id), profile.archive), target, {
        ...(profile.sizeBytes === undefined ? {} : { bytesNeeded: profile.sizeBytes }),
        ...(hooks.signal ? { signal: hooks.signal } : {}),
        onProgress: (done) => hooks.onProgress?.(done, profile.sizeBytes)
      })
    },

    async delete(id) {
      // A folder an interrupted import left may have no metadata yet; it goes all the same.
      if ((await stat(folder(id)).catch(() => undefined)) === undefined) throw notFound()
      await rm(folder(id), { recursive: true, force: true })
    },

    async updateLabels(id, labels) {
      const entry = await read(id)
      if (entry.damaged !== undefined) throw damagedFirst()
      return save({ ...entry, labels, updatedAt: stamp() })
    },

    async repair(id) {
      const entry = await read(id)
      if (entry.damaged === undefined) return save(entry)
      return save(await rebuiltRecord(id, folder(id), stamp()))
    },

    getDefault: async () => undefined,
    async setDefault() {
      throw unsupported(THIS_COMPUTER, 'default profiles')
    },
    async unsetDefault() {
      throw unsupported(THIS_COMPUTER, 'default profiles')
    }
  }
}
