import { readdir } from 'node:fs/promises'
import { join } from 'node:path'
import { extractArchive } from '../electron/services/archive/extract/extract-archive'
import { makeArchive } from '../test/support/archives'
import { expect, test } from './fixtures'
import { walkWizard } from './wizard'
import { notice } from './notices'

test.use({ withConnections: true })

async function seedWebrun(porter: import('./fixtures').PorterApp, names: string[]) {
  const webrun = (await porter.services.connections.list()).find((c) => c.kind === 'webrun')!
  const service = await porter.services.connections.serviceFor(webrun.id)
  const archive = await makeArchive(porter.root, 'tgz')
  const made = []
  for (const name of names) made.push(await service.importArchive(archive, { name, browserFamily: 'chromium' }))
  return { webrun, service, made }
}

test('the list shows usage, searches, filters, and deletes after a confirmation that names what is lost', async ({ porter }) => {
  const { page } = porter
  const { made } = await seedWebrun(porter, ['Sales — Alice', 'Sales — Bob', 'Support — Carol'])
  await fetch(`${porter.cloud.url}/_reference/profiles/${made[0]!.id}/use`, {
    method: 'POST',
    headers: { authorization: 'Bearer enig_local_dev' }
  })
  await page
    .getByRole('navigation', { name: 'Connections' })
    .getByRole('button', { name: /^WebRun/ })
    .click()
  const table = page.getByRole('table', { name: 'Profiles' })
  await expect(table.getByRole('row')).toHaveCount(4)
  await expect(table.getByRole('row').filter({ hasText: 'Sales — Alice' }).getByRole('cell').nth(4)).toHaveText('1')

  await page.getByRole('searchbox', { name: 'Search by name or label' }).fill('sales')
  await expect(table.getByRole('row')).toHaveCount(3)
  await page.getByRole('combobox', { name: 'Status' }).selectOption('empty')
  await expect(page.getByText('No profile matches the search or filters.')).toBeVisible()
  await page.getByRole('combobox', { name: 'Status' }).selectOption('all')
  await page.getByRole('button', { name: 'Name' }).click()
  await expect(table.getByRole('row').nth(1)).toContainText('Sales — Alice')
  await page.getByRole('button', { name: 'Name' }).click()
  await expect(table.getByRole('row').nth(1)).toContainText('Sales — Bob')

  await page.getByRole('checkbox', { name: 'Select Sales — Alice' }).check()
  await page.getByRole('checkbox', { name: 'Select Sales — Bob' }).check()
  await page.getByRole('region', { name: 'Selected profiles' }).getByRole('button', { name: 'Delete' }).click()
  const dialog = page.getByRole('dialog', { name: 'Delete 2 profiles?' })
  await expect(dialog).toContainText('will be removed from WebRun for good')
  await expect(dialog.getByRole('listitem')).toHaveCount(2)
  await expect(dialog.getByRole('list')).toContainText('Sales — Alice')
  await expect(dialog.getByRole('list')).toContainText('Sales — Bob')
  await porter.screenshot('delete-dialog')
  await porter.expectAccessible('delete dialog')
  await dialog.getByRole('button', { name: 'Delete 2 profiles' }).click()
  await expect(notice(page, 'Deleted 2 profiles from WebRun.')).toBeVisible()
  await page.getByRole('searchbox', { name: 'Search by name or label' }).fill('')
  await expect(table.getByRole('row')).toHaveCount(2)
})

test('a date in the list shows its exact time in a tooltip, on hover and on keyboard focus', async ({ porter }) => {
  const { page } = porter
  const { made } = await seedWebrun(porter, ['Ops'])
  await page
    .getByRole('navigation', { name: 'Connections' })
    .getByRole('button', { name: /^WebRun/ })
    .click()
  const created = page.getByRole('table', { name: 'Profiles' }).getByRole('row').filter({ hasText: 'Ops' }).getByText('just now')
  // As the window writes it, in the page's own locale.
  const exact = await page.evaluate(
    (iso) => new Intl.DateTimeFormat(undefined, { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(iso)),
    made[0]!.createdAt ?? ''
  )
  const tooltip = page.getByRole('tooltip')
  // The rows paint first and their tooltips follow once the window is idle: a pointer resting
  // there meanwhile sees one as soon as it moves, as a person's hand does.
  await expect(async () => {
    await created.hover({ position: { x: 2, y: 2 } })
    await created.hover({ position: { x: 6, y: 4 } })
    await expect(tooltip).toHaveText(exact, { timeout: 1000 })
  }).toPass()
  await page.mouse.move(0, 0, { steps: 5 })
  await expect(tooltip).toHaveCount(0)
  await created.focus()
  await expect(tooltip).toHaveText(exact)
  await expect(created).toHaveAccessibleDescription(exact)
})

test('download writes a file that extracts, and the details drawer shows every field', async ({ porter }) => {
  const { page } = porter
  await seedWebrun(porter, ['Ops'])
  await page
    .getByRole('navigation', { name: 'Connections' })
    .getByRole('button', { name: /^WebRun/ })
    .click()
  await page.getByRole('button', { name: 'Ops' }).click()
  const drawer = page.getByRole('dialog', { name: 'Ops' })
  await expect(drawer.getByText('Checksum')).toBeVisible()
  await porter.screenshot('details-drawer')
  await porter.expectAccessible('details drawer')
  await drawer.getByRole('button', { name: 'Download' }).click()
  const transfers = page.getByRole('complementary', { name: 'Transfers' })
  await expect(transfers.getByRole('button', { name: 'Show in folder' })).toBeVisible()
  const [saved] = await readdir(porter.downloads)
  await extractArchive(join(porter.downloads, saved ?? ''), join(porter.root, 'extracted'))
  expect((await readdir(join(porter.root, 'extracted'))).sort()).toEqual(['Default', 'Local State'])
})

test('cancel mid-upload leaves nothing behind', async ({ porter }) => {
  const { page } = porter
  porter.proxy.faults.push({ path: /\/upload$/, action: { kind: 'throttle', bytesPerSecond: 256 * 1024 } })
  const wizard = await walkWizard(page, /^WebRun/, 'review', { everything: true })
  await wizard.getByRole('button', { name: 'Confirm and import' }).click()
  await expect(wizard.getByText('Uploading…')).toBeVisible({ timeout: 15_000 })
  await porter.screenshot('import-progress')
  await wizard.getByRole('button', { name: 'Cancel' }).click()
  await expect(wizard.getByText('Cancelled. Nothing was left behind.')).toBeVisible()
  expect((await readdir(join(porter.root, 'tmp'))).filter((name) => name.startsWith('porter-'))).toEqual([])
  const webrun = (await porter.services.connections.list()).find((c) => c.kind === 'webrun')!
  expect(await (await porter.services.connections.serviceFor(webrun.id)).list()).toEqual([])
})

test('a wrong API key gets the plain 401 message', async ({ porter }) => {
  const { page } = porter
  await page.getByRole('button', { name: 'Add connection' }).click()
  const form = page.getByRole('dialog', { name: 'Add a connection' })
  await form.getByRole('combobox', { name: 'Region' }).selectOption('custom')
  await form.getByRole('textbox', { name: 'Address' }).fill(porter.proxy.url)
  await form.getByLabel('API key').fill('hk-not-the-right-key')
  await form.getByRole('button', { name: 'Test connection' }).click()
  await expect(form.getByRole('status')).toHaveText(
    'H Company refused the API key. H Company said: “Invalid API key” Check the key you entered.'
  )
  await porter.screenshot('connection-form')
  await porter.expectAccessible('connection form')
})

test('the 21st WebRun profile says the 20-profile limit and what to do', async ({ porter }) => {
  const { page } = porter
  const { service } = await seedWebrun(porter, [])
  for (let i = 0; i < 20; i++) await service.createEmpty({ name: `p${i}` })
  await page
    .getByRole('navigation', { name: 'Connections' })
    .getByRole('button', { name: /^WebRun/ })
    .click()
  await page.getByRole('button', { name: 'Create empty' }).click()
  const dialog = page.getByRole('dialog', { name: 'Create an empty profile' })
  await porter.expectAccessible('create empty dialog')
  await dialog.getByRole('textbox', { name: 'Name' }).fill('One too many')
  await dialog.getByRole('button', { name: 'Create profile' }).click()
  await expect(dialog.getByRole('alert')).toHaveText(
    'WebRun holds at most 20 profiles, and this account has 20.Delete a profile first (select it in the list, then Delete), then try again.'
  )
  await expect(dialog.getByRole('alert')).not.toContainText('Check what you entered')
})

test('an H Company profile can be made the default from its details', async ({ porter }) => {
  const { page } = porter
  await page
    .getByRole('navigation', { name: 'Connections' })
    .getByRole('button', { name: /^H Company/ })
    .click()
  const h = (await porter.services.connections.list()).find((c) => c.kind === 'hcompany')!
  const service = await porter.services.connections.serviceFor(h.id)
  await service.importArchive(await makeArchive(porter.root, 'zip'), {
    name: 'Agent login',
    browserFamily: 'chromium',
    browserVersion: '131'
  })
  await page.getByRole('button', { name: 'Refresh the list' }).click()
  await page.getByRole('button', { name: 'Agent login' }).click()
  await page.getByRole('dialog', { name: 'Agent login' }).getByRole('button', { name: 'Make the default for Chrome sessions' }).click()
  await expect(notice(page, '“Agent login” is now the default.')).toBeVisible()
  await page.getByRole('dialog', { name: 'Agent login' }).getByRole('button', { name: 'Close' }).click()
  await expect(page.getByRole('table', { name: 'Profiles' }).getByText('Default', { exact: true })).toBeVisible()
})
