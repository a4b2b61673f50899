import type { DetectedProfile } from '../../../shared/domain/detected-profile'
import { chromiumProfiles } from './chromium-profiles'
import { firefoxProfiles } from './firefox-profiles'
import { locateBrowserRoots, type LocateFacts } from './locate'
import type { ProcessFacts } from './running'

export type DetectFacts = LocateFacts & ProcessFacts

/** A short, stable reference: `chrome:Default`, `chromium@snap:Profile 1`, `firefox:default-release`. */
function refOf(profile: Omit<DetectedProfile, 'ref'>): string {
  const browser = profile.packaging === 'native' ? profile.browserId : `${profile.browserId}@${profile.packaging}`
  return `${browser}:${profile.family === 'firefox' ? profile.name : profile.folderName}`
}

/** Every browser profile on this computer, read only from what the browsers wrote to disk. */
export async function detectProfiles(facts: DetectFacts): Promise<DetectedProfile[]> {
  const roots = await locateBrowserRoots(facts)
  const lists = await Promise.all(
    roots.map((root) =>
      root.browser.family === 'chromium' ? chromiumProfiles(root, facts.platform, facts) : firefoxProfiles(root, facts.platform, facts)
    )
  )
  const used = new Map<string, number>()
  return lists.flat().map((profile) => {
    const base = refOf(profile)
    const count = (used.get(base) ?? 0) + 1
    used.set(base, count)
    return { ref: count === 1 ? base : `${base}#${count}`, ...profile }
  })
}
