import type { DetectedProfile } from '../../../shared/domain/detected-profile'
import { PorterError } from '../../../shared/errors'
import { quitAdvice } from '../../../shared/domain/quit-advice'

/** A profile its browser has open is refused before packing: its databases would be copied mid-write. */
export function refuseIfRunning(profile: DetectedProfile): void {
  if (profile.running !== 'running' && profile.running !== 'elsewhere') return
  throw new PorterError({
    code: 'browser_running',
    message: `${profile.browserName} is running.`,
    action: quitAdvice(profile.browserName, 'click Retry')
  })
}
