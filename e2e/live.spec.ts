import { join } from 'node:path'
import { startPersonsBrowser } from '../test/support/keyring-chromium'
import { expect, test } from './fixtures'

test('sign-ins only the browser can read come along through the running browser', async ({ porter }) => {
  const { page } = porter
  const udd = join(porter.root, 'home/.config/google-chrome')
  // On disk the CRM's sign-in is locked with the browser's key in the desktop's keyring, which this
  // computer's store will not give out: the browser itself wrote it there (where Linux Chromium reads
  // cookies, Profile 1/Cookies) and quit.
  const session = { name: 'session_id', domain: '.crm-alpha.com', path: '/', expires: Math.floor(Date.now() / 1000) + 86_400 }
  const earlier = await startPersonsBrowser(join(porter.root, 'desktop'), udd, ['--profile-directory=Profile 1'])
  await earlier.client.send('Storage.setCookies', { cookies: [{ ...session, value: 'disk-crm-secret' }] })
  await earlier.quit()
  const browser = await startPersonsBrowser(join(porter.root, 'desktop'), udd, ['--profile-directory=Profile 1'])
  let quit = false
  try {
    await browser.client.send('Storage.setCookies', { cookies: [{ ...session, value: 'live-crm-secret' }] })
    await page.getByRole('button', { name: 'Import from this computer' }).click()
    const wizard = page.getByRole('dialog')
    await wizard.getByRole('radio').first().check()
    await wizard.getByRole('button', { name: 'Next' }).click()
    await expect(wizard.getByRole('checkbox', { name: /^crm-alpha\.com/ })).toBeChecked()
    await wizard.getByRole('button', { name: 'Next' }).click()
    await wizard.getByRole('button', { name: 'Next' }).click()

    // Keyring cookies usually unlock while packing, so the step starts folded.
    await wizard.getByText('Some sign-ins might not arrive? Read them through Google Chrome').click()
    const locked = wizard.getByRole('region', { name: 'Sign-ins only Google Chrome can read' })
    await expect(locked).toContainText('chrome://inspect/#remote-debugging')
    await expect(wizard.getByText(/Quit Google Chrome completely/)).toBeVisible()
    await porter.screenshot('import-live-step')
    await porter.expectAccessible('live sign-ins step')
    await locked.getByRole('button', { name: 'Read sign-ins from Google Chrome' }).click()
    await expect(locked.getByRole('status')).toContainText('Read 1 cookie of 1 site through Google Chrome')
    await expect(locked.getByRole('status')).toContainText('Quit Google Chrome completely — also from the tray — then click Check again.')

    await browser.quit()
    quit = true
    await wizard.getByRole('button', { name: 'Check again' }).click()
    const confirm = wizard.getByRole('button', { name: 'Confirm and import' })
    await expect(confirm).toBeEnabled()
    await confirm.click()
    await expect(
      wizard.getByText('Imported and checked: the library on this computer holds exactly what was sent (the same SHA-256 checksum).')
    ).toBeVisible({ timeout: 30_000 })
    const table = wizard.getByRole('table', { name: 'Sign-ins per site' })
    await expect(table.getByRole('row', { name: /crm-alpha\.com/ })).toContainText('through the browser')
    await porter.screenshot('import-live-done')
  } finally {
    if (!quit) await browser.quit()
  }
})
