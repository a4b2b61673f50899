import type { DetectedProfile } from '../../../shared/domain/detected-profile'

/**
 * How to quit a browser so that it lets go of its profile. Edge is the trap: Startup boost (on by
 * default on Windows) and background extensions keep it running after its last window closes, with
 * no tray icon to quit it from, so "quit it" alone leaves a person stuck.
 */
export function quitAdvice(profile: Pick<DetectedProfile, 'browserId' | 'browserName'>, then: string): string {
  const browser = profile.browserName
  if (profile.browserId.startsWith('edge'))
    return `Close every ${browser} window. Edge can keep running without one: in Edge, open edge://settings/system, turn off “Startup boost” and “Continue running background extensions and apps when Microsoft Edge is closed”, close Edge again, then ${then}.`
  return `Quit ${browser} completely — also from the tray — then ${then}.`
}
