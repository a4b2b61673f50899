import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { extractArchive } from '../electron/services/archive/extract/extract-archive'
import { writeCookiesDb } from '../test/fixtures/cookies-db'
import { expect, test } from './fixtures'

test('each host a person signed in to is its own choice, grouped under its site; one host sends no sibling’s sign-in', async ({
  porter
}) => {
  const { page } = porter
  // A CRM and a bank on one site, sharing a site-wide cookie; a mail site of its own.
  await writeCookiesDb(join(porter.root, 'home/.config/google-chrome/Profile 1/Network/Cookies'), [
    { host: '.crm-alpha.com', name: 'session_id', value: 'site-wide-secret' },
    { host: 'app.crm-alpha.com', name: 'app_sid', value: 'crm-app-secret' },
    { host: 'bank.crm-alpha.com', name: 'bank_sid', value: 'bank-secret' },
    { host: '.mail-beta.com', name: 'auth', value: 'mail-secret' }
  ])
  await page.getByRole('button', { name: 'Import from this computer' }).click()
  const wizard = page.getByRole('dialog')
  await wizard.getByRole('radio').first().check()
  await wizard.getByRole('button', { name: 'Next' }).click()

  const hosts = wizard.getByRole('list', { name: 'Hosts of crm-alpha.com' })
  await expect(hosts.getByRole('checkbox', { name: /^app\.crm-alpha\.com 2 cookies/ })).toBeChecked()
  await expect(hosts.getByRole('checkbox', { name: /^bank\.crm-alpha\.com 2 cookies/ })).toBeChecked()
  const all = wizard.getByRole('checkbox', { name: /^All of crm-alpha\.com/ })
  await expect(all).toBeChecked()
  await porter.expectAccessible('site picker with a site of several hosts')

  // The bank unticked, by keyboard: the site's box says "some".
  await hosts.getByRole('checkbox', { name: /^bank\.crm-alpha\.com/ }).focus()
  await page.keyboard.press('Space')
  await expect(all).toBeChecked({ indeterminate: true })
  await expect(wizard.getByText('2 of 3 sites chosen')).toBeVisible()
  await porter.screenshot('import-2-sites-hosts')

  // A search finds a host by part of its name.
  await wizard.getByRole('searchbox', { name: 'Search sites' }).fill('bank')
  await expect(wizard.getByRole('checkbox', { name: /^bank\.crm-alpha\.com/ })).not.toBeChecked()
  await expect(wizard.getByRole('checkbox', { name: /^app\.crm-alpha\.com/ })).toHaveCount(0)
  await wizard.getByRole('searchbox', { name: 'Search sites' }).fill('')

  await wizard.getByRole('checkbox', { name: /^mail-beta\.com/ }).uncheck()
  await wizard.getByRole('button', { name: 'Next' }).click()
  await wizard.getByRole('button', { name: 'Next' }).click()
  await expect(wizard.getByRole('list').filter({ hasText: 'Other sites’ cookies and data stay on this computer.' })).toContainText(
    '1 site: app.crm-alpha.com.'
  )
  await wizard.getByRole('button', { name: 'Confirm and import' }).click()
  // A small import can end before the 'Importing' title is seen: the end, Done, is what is waited for.
  await wizard.getByRole('button', { name: 'Done' }).click({ timeout: 30_000 })

  // The library's copy: the CRM's own cookie and the site-wide one; nothing of the bank or the mail site.
  const [profile] = await porter.services.connections.serviceFor('local').then((library) => library.list())
  const archive = join(porter.root, 'data/library', profile?.id ?? '', 'profile.tar.gz')
  await extractArchive(archive, join(porter.root, 'restored'))
  const cookies = await readFile(join(porter.root, 'restored/Default/Network/Cookies'))
  for (const kept of ['app_sid', 'session_id']) expect(cookies.includes(kept), kept).toBe(true)
  for (const gone of ['bank', 'mail-beta']) expect(cookies.includes(gone), gone).toBe(false)
})
