import { join } from 'node:path'
import type { ProfileService } from '../../electron/services/clouds/profile-service'
import { packFolder } from '../../server/cloud-browser/pack-folder'
import { launchOn } from '../chromium'
import { SITES } from './check-sites'

/**
 * Signs a real Chromium in to the check's test sites, as a person's browser would be: the mail and
 * bank sessions, Google's long-lived SID with its short-lived device-bound cookie (expired by the
 * time anything else opens the profile), and a cookie for the unreachable site.
 */
export async function signInTheTestSites(userDataDir: string): Promise<void> {
  const browser = await launchOn(userDataDir)
  const days = Math.floor(Date.now() / 1000) + 3 * 86_400
  const bound = Math.floor(Date.now() / 1000) + 1
  try {
    await browser.addCookies([
      { name: 'sid', value: 'mail-session', domain: SITES.mail, path: '/', expires: days, secure: true, httpOnly: true, sameSite: 'Lax' },
      { name: 'bank_session', value: 'bank-session', domain: SITES.bank, path: '/', expires: days, secure: true, sameSite: 'Lax' },
      { name: 'SID', value: 'google-session', domain: `.${SITES.bound}`, path: '/', expires: days, secure: true, sameSite: 'Lax' },
      {
        name: '__Secure-bound',
        value: 'refreshed-by-this-device',
        domain: `.${SITES.bound}`,
        path: '/',
        expires: bound,
        secure: true,
        sameSite: 'Lax'
      },
      { name: 'session', value: 'intranet', domain: SITES.gone, path: '/', expires: days, secure: true, sameSite: 'Lax' }
    ])
  } finally {
    await browser.close()
  }
  // The bound cookie lives a second: whatever opens this profile next finds it gone.
  while (Date.now() / 1000 <= bound) await new Promise((resolve) => setTimeout(resolve, 100))
}

/** A signed-in profile packed as a service stores it (zip or tar.gz), for the twins' own tests. */
async function signedInArchive(dir: string, format: 'zip' | 'tgz'): Promise<{ file: string; sha256: string; size: number }> {
  const profile = join(dir, `signed-in-${format}`)
  await signInTheTestSites(profile)
  const file = join(dir, format === 'zip' ? 'signed-in.zip' : 'signed-in.tar.gz')
  return { file, ...(await packFolder(profile, format, file)) }
}

/** A signed-in profile uploaded to a service through the app's own client; its id at the service. */
export async function uploadSignedIn(service: ProfileService, dir: string): Promise<string> {
  const format = service.capabilities.archiveFormat
  const archive = await signedInArchive(dir, format)
  const details = { name: 'Signed in', browserFamily: 'chromium' as const }
  return (await service.importArchive({ file: archive.file, sizeBytes: archive.size, sha256: archive.sha256, format }, details)).id
}
