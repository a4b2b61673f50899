import { join } from 'node:path'
import type { DetectedProfile } from '../shared/domain/detected-profile'

/** The Chrome profile `Default` of a user-data folder a bench made, as detection would describe it. */
export function benchProfile(userDataDir: string): DetectedProfile {
  return {
    ref: 'bench:Default',
    browserId: 'chrome',
    browserName: 'Google Chrome',
    family: 'chromium',
    channel: 'stable',
    packaging: 'native',
    userDataDir,
    profileDir: join(userDataDir, 'Default'),
    folderName: 'Default',
    name: 'Bench',
    running: 'not-running'
  }
}
