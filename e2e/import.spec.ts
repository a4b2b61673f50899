import { createPorterApi } from '../electron/services/api/create-porter-api'
import { expect, test } from './fixtures'

test.use({ withConnections: true })

for (const target of ['This computer', 'WebRun', 'H Company']) {
  test(`imports a profile from this computer into ${target}, keyboard only, with visible progress`, async ({ porter }) => {
    const { page } = porter
    const careful = target === 'This computer'
    await page
      .getByRole('navigation', { name: 'Connections' })
      .getByRole('button', { name: new RegExp(`^${target}`) })
      .click()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(target)

    await page.getByRole('button', { name: 'Import from this computer' }).focus()
    await page.keyboard.press('Enter')
    const wizard = page.getByRole('dialog')
    await expect(wizard.getByRole('heading', { name: 'Choose a browser profile (step 1 of 5)' })).toBeVisible()
    await expect(wizard.getByText('ada@example.com')).toBeVisible()
    await expect(wizard.getByText(/MB to send/)).toBeVisible()
    if (careful) {
      await porter.screenshot('import-1-pick')
      await porter.expectAccessible('import step 1')
    }
    // The only profile on this computer is chosen already.
    await expect(wizard.getByRole('radio', { name: /^Work/ })).toBeChecked()
    await wizard.getByRole('button', { name: 'Next' }).focus()
    await page.keyboard.press('Enter')

    await expect(wizard.getByRole('heading', { name: 'Choose sites (step 2 of 5)' })).toBeVisible()
    await expect(wizard.getByRole('radio', { name: /Only the sites I choose/ })).toBeChecked()
    await expect(wizard.getByRole('checkbox', { name: /^crm-alpha\.com/ })).toBeChecked()
    if (careful) {
      // Safe defaults, each with its reason: a bank unticked, Google warned about, this computer's own names never sent.
      await expect(wizard.getByRole('checkbox', { name: /^chase\.com/ })).not.toBeChecked()
      await expect(wizard.getByText('Banking and payments: the cloud browser could move money.')).toBeVisible()
      await expect(wizard.getByText(/ties a sign-in to the computer it was made on/)).toBeVisible()
      await expect(wizard.getByRole('checkbox', { name: /^localhost/ })).toBeDisabled()
      await expect(wizard.getByText('Only this computer knows this name, so it is never sent.')).toBeVisible()
      await porter.screenshot('import-2-sites')
      await porter.expectAccessible('import step 2')

      await wizard.getByRole('button', { name: 'Select none' }).focus()
      await page.keyboard.press('Enter')
      await expect(wizard.getByText('Choose at least one site, or send everything.')).toBeVisible()
      await expect(wizard.getByRole('button', { name: 'Next' })).toBeDisabled()
      await wizard.getByRole('searchbox', { name: 'Search sites' }).focus()
      await page.keyboard.type('ha')
      await expect(wizard.getByRole('checkbox')).toHaveCount(6) // two sites shown, four "also send" toggles
      await wizard.getByRole('button', { name: 'Select all shown' }).focus()
      await page.keyboard.press('Enter')
      await expect(wizard.getByText('2 of 3 sites chosen')).toBeVisible()
      await wizard.getByRole('checkbox', { name: /^History/ }).focus()
      await page.keyboard.press('Space')
      await expect(wizard.getByRole('checkbox', { name: /^History/ })).toBeChecked()
    }
    await wizard.getByRole('button', { name: 'Next' }).focus()
    await page.keyboard.press('Enter')

    await expect(wizard.getByRole('textbox', { name: 'Name' })).toHaveValue('Chrome — Work')
    if (target !== 'WebRun') {
      await wizard.getByRole('button', { name: 'Add a label' }).focus()
      await page.keyboard.press('Enter')
      await page.keyboard.type('team')
      await page.keyboard.press('Tab')
      await page.keyboard.type('sales')
    }
    if (careful) {
      await porter.screenshot('import-3-name')
      await porter.expectAccessible('import step 3')
    }
    await wizard.getByRole('button', { name: 'Next' }).focus()
    await page.keyboard.press('Enter')

    await expect(wizard.getByText('This copy holds your sign-ins for the sites above.', { exact: false })).toBeVisible()
    await expect(wizard.getByText(/packed. Caches and other data a browser rebuilds by itself are left out./)).toBeVisible()
    await expect(wizard.getByRole('list').filter({ hasText: 'Other sites’ cookies and data stay on this computer.' })).toContainText(
      careful ? '2 sites: chase.com, crm-alpha.com.' : '1 site: crm-alpha.com.'
    )
    if (careful) {
      await expect(wizard.getByText('Also sent: history.')).toBeVisible()
      await porter.screenshot('import-4-review')
      await porter.expectAccessible('import step 4')
    }
    const confirm = wizard.getByRole('button', { name: 'Confirm and import' })
    await expect(confirm).toBeEnabled()
    await confirm.focus()
    await page.keyboard.press('Enter')

    // Said as exactly what was checked: the library and H Company give a checksum; WebRun only a size.
    await expect(
      wizard.getByText(
        target === 'WebRun'
          ? 'Imported: WebRun reports the same size as what was sent. It gives no checksum, so the contents themselves could not be compared.'
          : `Imported and checked: ${careful ? 'the library on this computer' : target} holds exactly what was sent (the same SHA-256 checksum).`
      )
    ).toBeVisible({ timeout: 30_000 })
    // The steps are over: the title says how the import ended, not "step 5 of 5".
    await expect(wizard.getByRole('heading', { level: 2 })).toHaveText('Imported')
    if (careful) await porter.screenshot('import-5-done')
    await wizard.getByRole('button', { name: 'Done' }).click()

    const table = page.getByRole('table', { name: 'Profiles' })
    const row = table.getByRole('row').filter({ hasText: 'Chrome — Work' })
    await expect(row.getByText('Ready')).toBeVisible()
    if (target !== 'WebRun') await expect(row.getByText('team=sales')).toBeVisible()
    await expect(page.getByRole('complementary', { name: 'Transfers' }).getByText('Done')).toBeVisible()
    await porter.screenshot(`list-${target.replace(/\W+/g, '-').toLowerCase()}`)
    await porter.expectAccessible(`${target} list`)
  })
}

test('the drawer says what was sent and updates the profile from this computer', async ({ porter }) => {
  const { page } = porter
  const api = createPorterApi(porter.services)
  const started = await api['transfers:startImport'](
    { connectionId: 'local', ref: 'chrome:Profile 1', name: 'CRM', choice: { mode: 'sites', sites: ['crm-alpha.com'] } },
    { emit: () => undefined }
  )
  await porter.services.transfers.whenSettled(started.id)
  await page.reload()
  await page.getByRole('button', { name: 'CRM' }).click()
  const drawer = page.getByRole('dialog', { name: 'CRM' })
  await expect(drawer.getByRole('heading', { name: 'What was sent' })).toBeVisible()
  await expect(drawer.getByText('Only the sites chosen: 1 with cookies')).toBeVisible()
  await expect(drawer.getByRole('listitem').filter({ hasText: 'crm-alpha.com' })).toBeVisible()
  await expect(drawer.getByRole('heading', { name: 'Update from this computer' })).toBeVisible()
  await expect(drawer.getByText(/Sent from Google Chrome — Work on/)).toBeVisible()
  await porter.screenshot('details-update')
  await porter.expectAccessible('details drawer with update and receipt')
  await drawer.getByRole('button', { name: 'Update from this computer' }).click()
  await expect(page.getByRole('complementary', { name: 'Transfers' }).getByText('Done')).toHaveCount(2, { timeout: 30_000 })
  expect(await api['receipts:list']({ connectionId: 'local' }, { emit: () => undefined })).toHaveLength(2)
})
