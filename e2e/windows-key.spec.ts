import { randomBytes } from 'node:crypto'
import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { encryptGcm, hostHash } from '../electron/services/portability/chromium-crypto'
import { KeyUnavailable } from '../electron/services/portability/key-sources'
import { chromiumTree } from '../test/fixtures/browser-trees'
import { writeCookiesDb } from '../test/fixtures/cookies-db'
import { expect, test } from './fixtures'
import { walkWizard } from './wizard'

// Windows, where DPAPI refuses the key of Chrome's cookies (a profile copied from another account, say).
test.use({
  platform: 'win32',
  keySources: {
    dpapiUnprotect: async () => {
      throw new KeyUnavailable(
        'Windows would not unlock the cookie key: the key is damaged or was made for another Windows account or computer'
      )
    }
  }
})

test('a cookie key Windows will not unlock is said before packing, per site, with the two ways that still bring the sign-ins', async ({
  porter
}) => {
  const { page } = porter
  const udd = join(porter.root, 'home', 'AppData', 'Local', 'Google', 'Chrome', 'User Data')
  await chromiumTree(udd, { lastVersion: '146.0.7600.10', profiles: [{ folder: 'Default', name: 'Office' }] })
  const localState = JSON.parse(await readFile(join(udd, 'Local State'), 'utf8')) as Record<string, unknown>
  localState['os_crypt'] = { encrypted_key: Buffer.concat([Buffer.from('DPAPI'), randomBytes(180)]).toString('base64') }
  await writeFile(join(udd, 'Local State'), JSON.stringify(localState))
  const key = randomBytes(32)
  const locked = (host: string, value: string) => encryptGcm(key, Buffer.concat([hostHash(host), Buffer.from(value)]), randomBytes(12))
  await writeCookiesDb(join(udd, 'Default', 'Network', 'Cookies'), [
    { host: '.crm-alpha.com', name: 'session_id', encrypted: locked('.crm-alpha.com', 'crm-secret') },
    { host: '.crm-alpha.com', name: 'csrf', encrypted: locked('.crm-alpha.com', 'crm-csrf') }
  ])

  const wizard = await walkWizard(page, /This computer/, 'review')
  await expect(wizard.getByText('1 site: crm-alpha.com.', { exact: false })).toBeVisible()

  // Not folded away: these sign-ins cannot come from disk, and the person is told so before packing.
  const panel = wizard.getByRole('region', { name: 'Sign-ins only Google Chrome can read' })
  await expect(panel).toContainText(
    "Windows would not unlock Google Chrome's cookie key: the key is damaged or was made for another Windows account or computer. 2 cookies cannot be read from disk, so crm-alpha.com would arrive signed out."
  )
  await expect(panel.getByRole('button', { name: 'Read sign-ins from Google Chrome' })).toBeVisible()
  await expect(panel.getByRole('button', { name: 'Use a cookie file instead' })).toBeVisible()
  await expect(
    wizard.getByText(/So 2 cookies cannot be read from disk, and these sites would arrive signed out: crm-alpha\.com\./)
  ).toBeVisible()
  await porter.screenshot('import-key-refused')
  await porter.expectAccessible('key refused step')
})
