import { startReferenceCloud, type ReferenceCloud, type ReferenceCloudOptions } from '../../server/reference-cloud'
import { CHROMIUM } from '../chromium'
import { startCheckSites, type CheckSites } from './check-sites'

export interface CheckCloud {
  cloud: ReferenceCloud
  sites: CheckSites
  close(): Promise<void>
}

/** The reference cloud with a real Chromium for its sessions, the check's test sites mapped to this computer. */
export async function startCheckCloud(options: ReferenceCloudOptions = {}): Promise<CheckCloud> {
  const sites = await startCheckSites()
  const cloud = await startReferenceCloud({
    ...options,
    browser: { executable: CHROMIUM, hostRules: sites.hostRules, extraArgs: sites.trustArgs }
  })
  return {
    cloud,
    sites,
    close: async () => {
      await cloud.close()
      await sites.close()
    }
  }
}
