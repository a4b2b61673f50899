import { join } from 'node:path'
import { signInTheTestSites } from '../test/support/check-profile'
import { expect, test } from './fixtures'

test.use({ withConnections: true, cloudBrowser: true })

test('after an upload, checks in the cloud which sites are signed in: live lines, Watch live, Stop, and the result as a badge', async ({
  porter
}) => {
  test.setTimeout(180_000)
  const { page } = porter
  // A Chromium on this computer, signed in to the four test sites.
  await signInTheTestSites(join(porter.root, 'home', '.config', 'chromium'))

  await page
    .getByRole('navigation', { name: 'Connections' })
    .getByRole('button', { name: /^H Company/ })
    .click()
  await page.getByRole('button', { name: 'Import from this computer' }).click()
  const wizard = page.getByRole('dialog')
  await wizard.getByRole('radio', { name: /Chromium/ }).check()
  await wizard.getByRole('button', { name: 'Next' }).click()
  await wizard.getByRole('radio', { name: 'Everything in this profile' }).check()
  await wizard.getByRole('button', { name: 'Next' }).click()
  await wizard.getByRole('button', { name: 'Next' }).click()
  await wizard.getByRole('button', { name: 'Confirm and import' }).click()
  await expect(wizard.getByText('Imported and checked')).toBeVisible({ timeout: 60_000 })

  // Right after the upload: the plan, its cost, and what it cannot promise — nothing runs yet.
  porter.cloud.sessions.stall = true
  await wizard.getByRole('button', { name: 'Check in the cloud' }).click()
  const dialog = page.getByRole('dialog', { name: /^Check in the cloud/ })
  await expect(dialog.getByText('Tokens left this period: 15,000,000 of 15,000,000.')).toBeVisible({ timeout: 30_000 })
  await expect(dialog.getByText(/can trigger a security alert on your account/)).toBeVisible()
  await expect(dialog.getByText(/loaded read-only \(persist_browser_profile: false\)/)).toBeVisible()
  for (const site of ['example.com', 'example.net', 'example.org', 'google.com'])
    await expect(dialog.getByRole('checkbox', { name: new RegExp(`^${site.replace('.', '\\.')}`) })).toBeChecked()
  await porter.screenshot('check-plan')
  await porter.expectAccessible('check plan')
  await dialog.getByRole('button', { name: 'Check 4 sites' }).click()

  // Running: a live line per site; Watch live hands the address to the person's browser; Stop ends it.
  const lines = dialog.getByRole('list', { name: 'Sites' })
  // The line moves once the service's browser is up (a cold Chromium start, slow on a busy machine).
  await expect(lines.getByRole('listitem').filter({ hasText: 'example.com' })).toContainText('Opening…', { timeout: 60_000 })
  await expect(lines.getByRole('listitem').filter({ hasText: 'google.com' })).toContainText('Waiting')
  await dialog.getByRole('button', { name: 'Watch live' }).click()
  await expect.poll(() => porter.opened.at(-1) ?? '').toMatch(/\/_reference\/live\//)
  await porter.screenshot('check-running')
  await porter.expectAccessible('check running')
  await dialog.getByRole('button', { name: 'Stop' }).click()
  await expect(dialog.getByRole('status').filter({ hasText: 'Check stopped.' })).toBeVisible({ timeout: 30_000 })
  await expect(dialog.getByText('Check stopped. The cloud session was ended.')).toBeVisible()
  await dialog.getByRole('button', { name: 'Done' }).click()
  porter.cloud.sessions.stall = false

  // From the profile's details: check again, to the end.
  await page
    .getByRole('table', { name: 'Profiles' })
    .getByRole('button', { name: /Chromium/ })
    .click()
  await page.getByRole('dialog').getByRole('button', { name: 'Check in the cloud' }).click()
  await dialog.getByRole('button', { name: 'Check 4 sites' }).click()
  await expect(dialog.getByRole('status').filter({ hasText: '1 of 4 signed in at H Company.' })).toBeVisible({ timeout: 60_000 })
  const line = (site: string) => lines.getByRole('listitem').filter({ hasText: site })
  await expect(line('example.com')).toContainText('Signed in')
  await expect(line('google.com')).toContainText('Not signed in: sign-in page')
  await expect(line('google.com')).toContainText('ties sign-ins to the device')
  await expect(line('example.org')).toContainText('Needs a second step')
  await expect(line('example.net')).toContainText('Could not be reached')
  await line('example.com').getByText('Evidence for example.com').click()
  await expect(line('example.com').getByText('Inbox – Mail')).toBeVisible()
  await expect(dialog.getByText(/Your profile is unchanged\./)).toBeVisible()
  await porter.screenshot('check-result')
  await porter.expectAccessible('check result')
  await dialog.getByRole('button', { name: 'Done' }).click()

  // Kept with the receipt, and shown as a badge on the profile.
  await expect(page.getByRole('table', { name: 'Profiles' }).getByText(/1 of 4 signed in, checked/)).toBeVisible()
  const sessions = (await (await fetch(`${porter.cloud.url}/_reference/sessions`)).json()) as {
    hcompany: Array<{ status: string }>
    browsersOpen: number
  }
  expect(sessions.hcompany.map((session) => session.status).sort()).toEqual(['completed', 'interrupted'])
})
