import { makeArchive } from '../test/support/archives'
import { expect, test } from './fixtures'
import { walkWizard } from './wizard'
import { notice } from './notices'

test.use({ withConnections: true })

test('a wrong key is fixed in the connection’s settings: re-key, test, rename, and remove without touching the service', async ({
  porter
}) => {
  const { page } = porter
  // What a restart of npm run web leaves: a connection whose key this run does not have.
  const webrun = (await porter.services.connections.list()).find((c) => c.kind === 'webrun')!
  await porter.services.connections.update(webrun.id, { apiKey: 'enig_not_the_key' })
  const sidebar = page.getByRole('navigation', { name: 'Connections' })
  await sidebar.getByRole('button', { name: /^WebRun/ }).click()
  await expect(page.getByRole('alert')).toContainText('WebRun refused the API key.')
  await expect(page.getByRole('alert')).toContainText('the ⋯ button beside its name')

  await page.keyboard.press('Control+Comma')
  const settings = page.getByRole('dialog', { name: 'Settings of “WebRun”' })
  await expect(settings.getByRole('textbox', { name: 'Name' })).toHaveValue('WebRun')
  // Where a new key comes from: WebRun's own site, opened in the person's browser.
  await expect(settings.getByLabel('New API key')).toHaveAccessibleDescription(
    'Need a new key? Sign in at webrun.ai, open Settings → API Keys and choose Create API Key, then paste the key here.'
  )
  await expect(settings.getByRole('link', { name: 'webrun.ai' })).toHaveAttribute('href', 'https://webrun.ai')
  await expect(settings.getByRole('link', { name: 'webrun.ai' })).toHaveAttribute('target', '_blank')
  await settings.getByLabel('New API key').fill('enig_local_dev')
  await settings.getByRole('button', { name: 'Test connection' }).click()
  await expect(settings.getByRole('status')).toHaveText('Connected. 0 profiles found.')
  await settings.getByRole('textbox', { name: 'Name' }).fill('WebRun — team')
  await porter.screenshot('connection-settings')
  await porter.expectAccessible('connection settings')
  await settings.getByRole('button', { name: 'Save' }).click()
  await expect(notice(page, 'Saved “WebRun — team”.')).toBeVisible()
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('WebRun — team')
  await expect(page.getByText('No profiles here yet')).toBeVisible()

  await sidebar.getByRole('button', { name: 'Settings of WebRun — team' }).click()
  const again = page.getByRole('dialog', { name: 'Settings of “WebRun — team”' })
  await again.getByRole('button', { name: 'Remove connection…' }).click()
  await expect(again.getByRole('group', { name: 'Remove this connection?' })).toContainText('Nothing at WebRun is deleted')
  await again.getByRole('button', { name: 'Remove “WebRun — team”' }).click()
  await expect(sidebar.getByRole('button', { name: /^WebRun/ })).toHaveCount(0)
  await expect(page.getByRole('heading', { level: 1 })).toHaveText('This computer')
})

test('the add form saves a key that failed its test only after “Add anyway”, and opens fresh', async ({ porter }) => {
  const { page } = porter
  await page.getByRole('button', { name: 'Add connection' }).click()
  const form = page.getByRole('dialog', { name: 'Add a connection' })
  await expect(form.getByLabel('API key')).toHaveAccessibleDescription(
    /^No key yet\? Open your H platform’s API keys and choose Create key\./
  )
  await expect(form.getByRole('link', { name: 'your H platform’s API keys' })).toHaveAttribute(
    'href',
    'https://platform.eu.hcompany.ai/settings/api-keys'
  )
  await form.getByRole('combobox', { name: 'Service' }).selectOption('webrun')
  await expect(form.getByLabel('API key')).toHaveAccessibleDescription(/^No key yet\? Sign in at webrun\.ai, open Settings → API Keys/)
  await form.getByRole('textbox', { name: 'Address' }).fill(porter.proxy.url)
  await form.getByRole('textbox', { name: 'Name' }).fill('Second WebRun')
  await form.getByLabel('API key').fill('enig_wrong_key_1')
  await form.getByRole('button', { name: 'Add connection' }).click()
  await expect(form.getByRole('status')).toContainText('WebRun refused the API key.')
  await expect((await porter.services.connections.list()).map((c) => c.name)).not.toContain('Second WebRun')
  await form.getByRole('button', { name: 'Add anyway' }).click()
  await expect(notice(page, 'Added “Second WebRun”.')).toBeVisible()

  await page.getByRole('button', { name: 'Add connection' }).click()
  const fresh = page.getByRole('dialog', { name: 'Add a connection' })
  await expect(fresh.getByRole('textbox', { name: 'Name' })).toHaveValue('H Company')
  await expect(fresh.getByLabel('API key')).toHaveValue('')
  await expect(fresh.getByRole('status')).toHaveCount(0)
})

test('the wizard says why Next waits, and a full WebRun account is found when it is chosen, and again before packing', async ({
  porter
}) => {
  const { page } = porter
  const webrun = (await porter.services.connections.list()).find((c) => c.kind === 'webrun')!
  const service = await porter.services.connections.serviceFor(webrun.id)
  for (let i = 0; i < 19; i++) await service.createEmpty({ name: `p${i}` })
  const wizard = await walkWizard(page, /^WebRun/, 'names')
  const name = wizard.getByRole('textbox', { name: 'Name' })
  await name.fill('x'.repeat(101))
  await expect(wizard.getByText('101 of 100')).toBeVisible()
  await expect(wizard.getByRole('status')).toHaveText('Names can be at most 100 characters.')
  await expect(wizard.getByRole('button', { name: 'Next' })).toBeDisabled()
  await name.fill('')
  await expect(wizard.getByRole('status')).toHaveText('Give the profile a name.')
  // A name already there is allowed, but said, with the way to update that one instead.
  await name.fill('P3 ')
  await expect(name).toHaveAccessibleDescription(
    /^2 of 100 WebRun already has a profile called “P3”, so this makes a second one\. If that one was sent from this computer, .* choose Update from this computer\.$/
  )
  await expect(wizard.getByRole('button', { name: 'Next' })).toBeEnabled()
  await name.fill('Work')
  await expect(name).toHaveAccessibleDescription('4 of 100')
  await wizard.getByRole('textbox', { name: 'Description (optional)' }).fill('d'.repeat(501))
  await expect(wizard.getByRole('status')).toHaveText('Descriptions can be at most 500 characters.')
  await wizard.getByRole('textbox', { name: 'Description (optional)' }).fill('')
  // Filled up elsewhere while the wizard was open: the review finds it before anything is packed.
  await service.createEmpty({ name: 'p19' })
  await wizard.getByRole('button', { name: 'Next' }).click()
  await expect(wizard.getByText('WebRun holds at most 20 profiles, and this account has 20. Delete a profile first')).toBeVisible()
  await expect(wizard.getByRole('button', { name: 'Confirm and import' })).toBeDisabled()
  await porter.expectAccessible('wizard with a full account')

  // Opened on a full account, the wizard says so at its first step, not its fourth.
  await page.keyboard.press('Escape')
  await page.getByRole('button', { name: 'Import from this computer' }).click()
  const again = page.getByRole('dialog')
  await expect(again.getByRole('heading', { name: 'Choose a browser profile (step 1 of 5)' })).toBeVisible()
  await expect(again.getByRole('alert')).toHaveText(
    'WebRun holds at most 20 profiles, and this account has 20.Delete a profile first (select it in the list, then Delete), then try again.'
  )
  await again.getByRole('radio').first().check()
  await expect(again.getByRole('button', { name: 'Next' })).toBeDisabled()
})

test('a waiting retry says so, and a given-up one shows only its cause and Retry', async ({ porter }) => {
  const { page } = porter
  porter.proxy.faults.push({
    method: 'POST',
    path: /\/upload$/,
    times: 4,
    action: { kind: 'status', status: 503, body: '{"error":"busy"}' }
  })
  const wizard = await walkWizard(page, /^WebRun/, 'review')
  await wizard.getByRole('button', { name: 'Confirm and import' }).click()
  await expect(wizard.getByText(/Waiting to retry \(attempt 2 of 4, in \d+ s\)…/)).toBeVisible({ timeout: 15_000 })
  await expect(wizard.getByText(/left$/)).toHaveCount(0)
  await expect(wizard.getByRole('alert')).toContainText('WebRun had a problem (error 503).', { timeout: 30_000 })
  await expect(wizard.getByText(/Waiting to retry/)).toHaveCount(0)
  await expect(wizard.getByRole('button', { name: 'Retry' })).toBeVisible()
})

test('download with only empty profiles selected says why nothing happens; H Company says why there is no Download', async ({ porter }) => {
  const { page } = porter
  const webrun = (await porter.services.connections.list()).find((c) => c.kind === 'webrun')!
  await (await porter.services.connections.serviceFor(webrun.id)).createEmpty({ name: 'Nothing yet' })
  await page
    .getByRole('navigation', { name: 'Connections' })
    .getByRole('button', { name: /^WebRun/ })
    .click()
  await page.getByRole('checkbox', { name: 'Select Nothing yet' }).check()
  await page.getByRole('region', { name: 'Selected profiles' }).getByRole('button', { name: 'Download' }).click()
  await expect(notice(page, 'Nothing to download: the selected profiles are empty or not ready yet.')).toBeVisible()

  const h = (await porter.services.connections.list()).find((c) => c.kind === 'hcompany')!
  await (
    await porter.services.connections.serviceFor(h.id)
  ).importArchive(await makeArchive(porter.root, 'zip'), { name: 'Agent', browserFamily: 'chromium', browserVersion: '142' })
  await page
    .getByRole('navigation', { name: 'Connections' })
    .getByRole('button', { name: /^H Company/ })
    .click()
  await page.getByRole('button', { name: 'Agent' }).click()
  await expect(page.getByRole('dialog', { name: 'Agent' })).toContainText(
    'H Company does not offer downloads of its profiles, so there is no Download here.'
  )
})

test('a tab left from an earlier npm run web says what to do, not “Loading…” forever', async ({ porter }) => {
  const { page } = porter
  await page.goto(porter.bridge.url.replace(/token=[^&]+/, 'token=from-an-earlier-run'))
  await expect(page.getByRole('alert').first()).toContainText('This page belongs to an earlier run of Profile Porter.')
  await expect(page.getByRole('alert').first()).toContainText('Open the new address printed in the terminal')
})
