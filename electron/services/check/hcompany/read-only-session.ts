import { PorterError } from '../../../../shared/errors'
import type { ProfileFacts } from '../../../../shared/domain/check'
import type { Profile } from '../../../../shared/domain/profile'
import type { ProfileService } from '../../clouds/profile-service'
import type { KeptUnchanged } from '../cloud-checker'
import { profileGone } from './agp-errors'

const factsOf = (profile: Profile): ProfileFacts => ({
  ...(profile.checksum === undefined ? {} : { checksum: profile.checksum }),
  ...(profile.sizeBytes === undefined ? {} : { sizeBytes: profile.sizeBytes }),
  ...(profile.updatedAt === undefined ? {} : { updatedAt: profile.updatedAt })
})

async function facts(profiles: ProfileService, id: string, service: string): Promise<ProfileFacts> {
  try {
    return factsOf(await profiles.get(id))
  } catch (error) {
    throw error instanceof PorterError && error.code === 'not_found' ? profileGone(service) : error
  }
}

/** The session loads the profile itself, read-only; the proof is its checksum and size, before and after. */
export async function keepWithReadOnlySession(profiles: ProfileService, profileId: string, service: string): Promise<KeptUnchanged> {
  const before = await facts(profiles, profileId, service)
  return {
    sessionProfileId: profileId,
    strategy: 'read-only-session',
    explanation: `Loaded read-only: ${service} was asked not to save the visit.`,
    before,
    async finish() {
      const after = await facts(profiles, profileId, service)
      return { after, unchanged: after.checksum === before.checksum && after.sizeBytes === before.sizeBytes }
    },
    discard: async () => undefined
  }
}
