import type { TransferJob } from '../shared/domain/transfer'
import { createPorterApi } from '../electron/services/api/create-porter-api'
import { createWebrunService } from '../electron/services/clouds/webrun/webrun-service'
import { directNetwork } from '../test/support/direct-network'
import { startFaultProxy } from '../test/support/fault-proxy'
import { startTwinProcess } from '../test/support/twin-process'
import { expect, test, type PorterApp } from './fixtures'
import { layoutProblems } from './layout-problems'
import { notice } from './notices'
import { walkWizard } from './wizard'

test.use({ withConnections: true })

const LONG = 'Renewals team — Europe and North America enterprise accounts, shared by the whole sales operations group'

async function connection(porter: PorterApp, kind: 'hcompany' | 'webrun') {
  return (await porter.services.connections.list()).find((c) => c.kind === kind)!
}

/** Three transfers in the dock: one done, one failed, one still uploading (held back by the proxy). */
async function threeTransfers(porter: PorterApp): Promise<void> {
  const api = createPorterApi(porter.services)
  const h = await connection(porter, 'hcompany')
  const start = (connectionId: string, name: string) =>
    api['transfers:startImport'](
      { connectionId, ref: 'chrome:Profile 1', name, choice: { mode: 'everything' } },
      { emit: () => undefined }
    ) as Promise<TransferJob>
  await porter.services.transfers.whenSettled((await start('local', `${LONG} (done)`)).id)
  porter.proxy.faults.push({
    path: /initiate-upload$/,
    action: {
      kind: 'status',
      status: 400,
      body: '{"detail":"The organisation has reached its storage quota for browser profiles; remove old profiles first."}'
    }
  })
  await porter.services.transfers.whenSettled((await start(h.id, `${LONG} (failed)`)).id)
  porter.proxy.faults.push({ method: 'POST', path: /^\/s3\//, action: { kind: 'throttle', bytesPerSecond: 32 * 1024 } })
  // The page, loaded afterwards, lists it as it is then: uploading.
  const uploading = new Promise<void>((resolve) => {
    const stop = porter.services.transfers.observe((event, payload) => {
      if (event === 'transfers:updated' && (payload as TransferJob).phase === 'uploading') resolve(stop())
    })
  })
  await start(h.id, `${LONG} (running)`)
  await uploading
}

test('a 1024×700 window with an error banner and three transfers keeps its layout', async ({ porter }) => {
  const { page } = porter
  await page.setViewportSize({ width: 1024, height: 700 })
  const webrun = await connection(porter, 'webrun')
  await porter.services.connections.update(webrun.id, { apiKey: 'enig_not_the_key' })
  await threeTransfers(porter)
  await page.reload()
  await page
    .getByRole('navigation', { name: 'Connections' })
    .getByRole('button', { name: /^WebRun/ })
    .click()
  await expect(page.getByRole('alert').first()).toContainText('WebRun refused the API key.')
  const dock = page.getByRole('complementary', { name: 'Transfers' })
  await expect(dock.getByText('Uploading…')).toBeVisible({ timeout: 30_000 })
  await porter.screenshot('week-small-window')
  expect(await layoutProblems(page)).toEqual([])

  const h = await connection(porter, 'hcompany')
  const service = await porter.services.connections.serviceFor(h.id)
  const { makeArchive } = await import('../test/support/archives')
  const archive = await makeArchive(porter.root, 'zip')
  for (let i = 0; i < 12; i++)
    await service.importArchive(archive, { name: `${LONG} ${i}`, browserFamily: 'chromium', labels: { team: 'sales' } })
  porter.services.notices.push({
    id: 'x',
    tone: 'warning',
    message:
      'Profile Porter was closed in the middle of a transfer last time. It removed what that left behind: 1 half-made profile at the service.',
    action: '1 half-made profile could not be removed yet (the service or its key is not available); this is tried again at the next start.'
  })
  await page.reload()
  await page
    .getByRole('navigation', { name: 'Connections' })
    .getByRole('button', { name: /^H Company/ })
    .click()
  await expect(page.getByRole('table', { name: 'Profiles' }).getByRole('row')).not.toHaveCount(1)
  porter.proxy.faults.push({
    method: 'GET',
    path: /browser-profiles\?/,
    times: 5,
    action: { kind: 'status', status: 503, body: '{"detail":"maintenance"}' }
  })
  await page.getByRole('button', { name: 'Refresh the list' }).click()
  await expect(page.getByRole('alert').first()).toContainText('error 503')
  await porter.screenshot('week-small-window-table')
  expect(await layoutProblems(page)).toEqual([])
  // Only the list scrolls, not the view around it.
  const view = page.getByRole('region', { name: 'H Company' })
  expect(await view.evaluate((el) => el.scrollHeight - el.clientHeight)).toBeLessThanOrEqual(1)
  await porter.services.transfers.cancelAll()
})

test('the sites step of a 1024×700 window scrolls in one place, and Next stays in view', async ({ porter }) => {
  const { page } = porter
  await page.setViewportSize({ width: 1024, height: 700 })
  const { writeCookiesDb } = await import('../test/fixtures/cookies-db')
  const { join } = await import('node:path')
  await writeCookiesDb(
    join(porter.root, 'home/.config/google-chrome/Profile 1/Network/Cookies'),
    Array.from({ length: 40 }, (_, i) => ({ host: `.site-${i}-example.com`, name: 'session_id', value: `secret-${i}` }))
  )
  await page.getByRole('button', { name: 'Import from this computer' }).click()
  const wizard = page.getByRole('dialog')
  await wizard.getByRole('radio').first().check()
  await wizard.getByRole('button', { name: 'Next' }).click()
  await expect(wizard.getByRole('checkbox', { name: /^site-39-example\.com/ })).toBeAttached()
  await porter.screenshot('week-sites-step')
  const scrollers = await wizard.evaluate(
    (dialog) =>
      [dialog, ...dialog.querySelectorAll('*')].filter((el) => {
        const style = getComputedStyle(el)
        return /auto|scroll/.test(style.overflowY) && el.scrollHeight > el.clientHeight + 1
      }).length
  )
  expect(scrollers).toBe(1)
  await expect(wizard.getByRole('button', { name: 'Next' })).toBeInViewport({ ratio: 1 })
  await wizard.getByRole('checkbox', { name: /^site-39-example\.com/ }).scrollIntoViewIfNeeded()
  await expect(wizard.getByRole('button', { name: 'Next' })).toBeInViewport({ ratio: 1 })
  expect(await layoutProblems(page)).toEqual([])
})

test('a bulk delete lists every name on request, and a key tried in the settings is advised on there', async ({ porter }) => {
  const { page } = porter
  const library = await porter.services.connections.serviceFor('local')
  const { makeArchive } = await import('../test/support/archives')
  const archive = await makeArchive(porter.root, 'tgz')
  for (let i = 0; i < 13; i++)
    await library.importArchive(archive, { name: `Desk ${String(i).padStart(2, '0')}`, browserFamily: 'chromium' })
  await page.reload()
  await page.getByRole('checkbox', { name: 'Select all profiles' }).check()
  await page.getByRole('region', { name: 'Selected profiles' }).getByRole('button', { name: 'Delete' }).click()
  const dialog = page.getByRole('dialog', { name: 'Delete 13 profiles?' })
  const names = dialog.getByRole('list', { name: 'Profiles to delete' })
  await expect(names.getByRole('listitem')).toHaveCount(11)
  await expect(names).toContainText('and 3 more')
  await names.getByRole('button', { name: 'show all 13' }).click()
  await expect(names.getByRole('listitem')).toHaveCount(13)
  await expect(names.getByText('Desk 12')).toBeVisible()
  await dialog.getByRole('button', { name: 'Keep them' }).click()

  await page.getByRole('navigation', { name: 'Connections' }).getByRole('button', { name: 'Settings of WebRun' }).click()
  const settings = page.getByRole('dialog', { name: 'Settings of “WebRun”' })
  await settings.getByLabel('New API key').fill('enig_not_the_key')
  await settings.getByRole('button', { name: 'Test connection' }).click()
  await expect(settings.getByRole('status')).toHaveText(
    'WebRun refused the API key. WebRun said: “Invalid or revoked API key” Check the key you entered.'
  )
  await expect(settings).not.toContainText('⋯ button')
})

test.describe('a first week', () => {
  test.use({ withConnections: false, retryBaseMs: 20 })

  test('connect, import, remove and re-add the connection, survive a server that stops mid-upload, fill WebRun up', async ({ porter }) => {
    test.setTimeout(180_000)
    const { page } = porter
    await page.setViewportSize({ width: 1024, height: 700 })
    const twin = await startTwinProcess()
    const proxy = await startFaultProxy(twin.url)
    try {
      const sidebar = page.getByRole('navigation', { name: 'Connections' })
      const dock = page.getByRole('complementary', { name: 'Transfers' })
      const addWebrun = async (name: string) => {
        await page.getByRole('button', { name: 'Add connection' }).click()
        const form = page.getByRole('dialog', { name: 'Add a connection' })
        await form.getByRole('combobox', { name: 'Service' }).selectOption('webrun')
        await form.getByRole('textbox', { name: 'Address' }).fill(proxy.url)
        await form.getByRole('textbox', { name: 'Name' }).fill(name)
        await form.getByLabel('API key').fill('enig_local_dev')
        await form.getByRole('button', { name: 'Add connection' }).click()
        await expect(notice(page, `Added “${name}”.`).last()).toBeVisible()
        await sidebar.getByRole('button', { name: new RegExp(`^${name}`) }).click()
      }
      const importNamed = async (name: string) => {
        const wizard = await walkWizard(page, /^Office WebRun/, 'names', { everything: true })
        await wizard.getByRole('textbox', { name: 'Name' }).fill(name)
        await wizard.getByRole('button', { name: 'Next' }).click()
        await wizard.getByRole('button', { name: 'Confirm and import' }).click()
        return wizard
      }

      // Monday: connect WebRun and send the work profile.
      await addWebrun('Office WebRun')
      const first = await importNamed('Monday')
      await expect(first.getByRole('heading', { level: 2 })).toHaveText('Imported', { timeout: 60_000 })
      await first.getByRole('button', { name: 'Done' }).click()

      // Tuesday: the connection is removed and added back; the profile still knows where it came from.
      await sidebar.getByRole('button', { name: 'Settings of Office WebRun' }).click()
      const settings = page.getByRole('dialog', { name: 'Settings of “Office WebRun”' })
      await settings.getByRole('button', { name: 'Remove connection…' }).click()
      await settings.getByRole('button', { name: 'Remove “Office WebRun”' }).click()
      await expect(sidebar.getByRole('button', { name: /^Office WebRun/ })).toHaveCount(0)
      await addWebrun('Office WebRun')
      await page.getByRole('button', { name: 'Monday' }).click()
      const drawer = page.getByRole('dialog', { name: 'Monday' })
      await expect(drawer.getByRole('heading', { name: 'What was sent' })).toBeVisible()
      await expect(drawer.getByRole('button', { name: 'Update from this computer' })).toBeEnabled()
      await drawer.getByRole('button', { name: 'Close' }).click()

      // Wednesday: the server stops in the middle of an upload, and comes back.
      proxy.faults.push({ method: 'POST', path: /\/upload$/, action: { kind: 'throttle', bytesPerSecond: 64 * 1024 } })
      const cut = await importNamed('Wednesday')
      await expect(cut.getByText('Uploading…')).toBeVisible({ timeout: 60_000 })
      await twin.stop()
      await expect(cut.getByRole('heading', { level: 2 })).toHaveText('The import did not finish', { timeout: 60_000 })
      await expect(cut.getByRole('alert')).toContainText('The connection to WebRun was lost.')
      await expect(cut).not.toContainText(/on its own|Waiting to retry/)
      await porter.screenshot('week-upload-cut')
      expect(await layoutProblems(page)).toEqual([])
      await twin.start()
      await cut.getByRole('button', { name: 'Retry' }).click()
      await expect(cut.getByRole('heading', { level: 2 })).toHaveText('Imported', { timeout: 60_000 })
      await cut.getByRole('button', { name: 'Done' }).click()
      const table = page.getByRole('table', { name: 'Profiles' })
      await expect(table.getByRole('row')).toHaveCount(3)
      await expect(table.getByRole('row').filter({ hasText: 'Wednesday' }).getByText('Ready')).toBeVisible()
      await expect(table.getByText('Uploading', { exact: true })).toHaveCount(0)
      await expect(dock.getByText('Done')).toHaveCount(2)

      // Thursday: WebRun fills up to its 20; the window says so where it matters, in plain words.
      const webrun = createWebrunService({ baseUrl: proxy.url, apiKey: 'enig_local_dev', network: directNetwork() })
      for (let i = 0; i < 18; i++) await webrun.createEmpty({ name: `Desk ${i}` })
      await page.getByRole('button', { name: 'Refresh the list' }).click()
      await page.getByRole('button', { name: 'Create empty' }).click()
      const create = page.getByRole('dialog', { name: 'Create an empty profile' })
      await create.getByRole('textbox', { name: 'Name' }).fill('One too many')
      await create.getByRole('button', { name: 'Create profile' }).click()
      await expect(create.getByRole('alert')).toContainText('WebRun holds at most 20 profiles, and this account has 20.')
      await create.getByRole('button', { name: 'Cancel' }).click()
      await page.getByRole('button', { name: 'Import from this computer' }).click()
      const full = page.getByRole('dialog')
      await expect(full.getByRole('heading', { name: 'Choose a browser profile (step 1 of 5)' })).toBeVisible()
      await expect(full.getByRole('alert')).toContainText('WebRun holds at most 20 profiles, and this account has 20.')
      await full.getByRole('radio').first().check()
      await expect(full.getByRole('button', { name: 'Next' })).toBeDisabled()
      await porter.screenshot('week-webrun-full')
      expect(await layoutProblems(page)).toEqual([])
    } finally {
      await proxy.close()
      await twin.close()
    }
  })
})
