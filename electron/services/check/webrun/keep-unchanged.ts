import { rm } from 'node:fs/promises'
import { join } from 'node:path'
import { PorterError } from '../../../../shared/errors'
import type { ProfileFacts } from '../../../../shared/domain/check'
import type { Profile } from '../../../../shared/domain/profile'
import { createWorkDir } from '../../archive/work-dir'
import type { ProfileService } from '../../clouds/profile-service'
import { WEBRUN } from '../../clouds/webrun/webrun-service'
import type { KeptUnchanged } from '../cloud-checker'
import { fileDigest } from '../file-digest'
import { profileGone } from '../hcompany/agp-errors'

/** The profile's stored archive as WebRun hands it out: its sha256 and size, and the listing's date. */
async function snapshot(profiles: ProfileService, profile: Profile, file: string, signal: AbortSignal): Promise<ProfileFacts> {
  await rm(file, { force: true })
  await profiles.download(profile.id, file, { signal })
  const { sha256, size } = await fileDigest(file)
  return { checksum: sha256, sizeBytes: size, ...(profile.updatedAt === undefined ? {} : { updatedAt: profile.updatedAt }) }
}

function notReady(error: unknown): unknown {
  if (error instanceof PorterError && error.code === 'not_found') return profileGone(WEBRUN)
  if (error instanceof PorterError && error.status === 400)
    return new PorterError({
      code: 'invalid_input',
      message: `This profile holds no data at ${WEBRUN} yet, so there is nothing to check.`,
      action: 'Upload a browser profile into it first.'
    })
  return error
}

/**
 * WebRun documents no read-only session, and a session with a profile may save its visit into it.
 * So the check runs on a throwaway copy of the upload, deleted afterwards; at the 20-profile cap,
 * on the profile itself, with the upload put back if WebRun changed it. Either way the stored
 * archive is downloaded before and after and its sha256 compared.
 */
export async function keepWebrunUnchanged(
  profiles: ProfileService,
  profileId: string,
  tempRoot: string,
  signal: AbortSignal
): Promise<KeptUnchanged> {
  const dir = await createWorkDir(tempRoot)
  const kept = join(dir, 'upload.tar.gz')
  const check = join(dir, 'after.tar.gz')
  const cleanUp = () => rm(dir, { recursive: true, force: true })
  try {
    // WebRun allows 100 requests in 15 minutes: one listing serves for the profile and the count.
    const all = await profiles.list(signal)
    const profile = all.find((candidate) => candidate.id === profileId)
    if (profile === undefined) throw profileGone(WEBRUN)
    const before = await snapshot(profiles, profile, kept, signal)
    const archive = { file: kept, sizeBytes: before.sizeBytes ?? 0, sha256: before.checksum ?? '', format: 'tgz' as const }
    const compare = async () => {
      const after = await snapshot(profiles, await profiles.get(profileId), check, signal)
      return { after, unchanged: after.checksum === before.checksum && after.sizeBytes === before.sizeBytes }
    }
    if (all.length < (profiles.capabilities.maxProfiles ?? 20)) {
      const copy = await profiles.createEmpty({
        name: `Porter check – ${profile.name}`.slice(0, 100),
        description: 'A throwaway copy for a sign-in check. Profile Porter deletes it.'
      })
      const remove = () => profiles.delete(copy.id).catch(() => undefined)
      try {
        await profiles.replaceArchive?.(copy.id, archive, { signal })
      } catch (error) {
        await remove()
        throw error
      }
      return {
        sessionProfileId: copy.id,
        madeProfileId: copy.id,
        strategy: 'throwaway-copy',
        explanation: `${WEBRUN} has no read-only switch, so the check ran on a throwaway copy of your profile, deleted afterwards.`,
        before,
        finish: async () => {
          await remove()
          return await compare().finally(cleanUp)
        },
        discard: async () => void (await Promise.all([remove(), cleanUp()]))
      }
    }
    return {
      sessionProfileId: profileId,
      strategy: 'snapshot-restore',
      explanation: `${WEBRUN} has no read-only switch and your account is at its 20 profiles, so the check ran on your profile and Porter kept a copy of your upload to put back.`,
      before,
      async finish() {
        try {
          let result = await compare()
          if (result.unchanged) return result
          await profiles.replaceArchive?.(profileId, archive, { signal }).catch((error: unknown) => {
            throw new PorterError(
              {
                code: 'service',
                retryable: true,
                message: `${WEBRUN} saved the check's visit into your profile, and putting your upload back failed.`,
                action: 'Update the profile from this computer (its details, Update from this computer) to send your sign-ins again.'
              },
              { cause: error }
            )
          })
          result = await compare()
          return { ...result, restored: true, note: `${WEBRUN} saved the visit into your profile; Porter put your upload back.` }
        } finally {
          await cleanUp()
        }
      },
      discard: cleanUp
    }
  } catch (error) {
    await cleanUp()
    throw notReady(error)
  }
}
