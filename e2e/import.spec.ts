import { expect, test } from './fixtures'

test.use({ withConnections: true })

for (const target of ['This computer', 'WebRun', 'H Company']) {
  test(`imports a profile from this computer into ${target}, keyboard only, with visible progress`, async ({ porter }) => {
    const { page } = porter
    await page.getByRole('navigation', { name: 'Connections' }).getByRole('button', { name: new RegExp(target) }).click()
    await expect(page.getByRole('heading', { level: 1 })).toHaveText(target)

    await page.getByRole('button', { name: 'Import from this computer' }).focus()
    await page.keyboard.press('Enter')
    const wizard = page.getByRole('dialog')
    await expect(wizard.getByRole('heading', { name: 'Choose a browser profile (step 1 of 4)' })).toBeVisible()
    await expect(wizard.getByText('ada@example.com')).toBeVisible()
    await expect(wizard.getByText(/MB to send/)).toBeVisible()
    if (target === 'This computer') {
      await porter.screenshot('import-1-pick')
      await porter.expectAccessible('import step 1')
    }
    await wizard.getByRole('radio').first().focus()
    await page.keyboard.press('Space')
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
    if (target === 'This computer') {
      await porter.screenshot('import-2-name')
      await porter.expectAccessible('import step 2')
    }
    await wizard.getByRole('button', { name: 'Next' }).focus()
    await page.keyboard.press('Enter')

    await expect(wizard.getByText('This copy holds your logins for the sites you are signed in to.')).toBeVisible()
    await expect(wizard.getByText(/packed. Caches and other data a browser rebuilds by itself are left out./)).toBeVisible()
    if (target === 'This computer') {
      await porter.screenshot('import-3-review')
      await porter.expectAccessible('import step 3')
    }
    const confirm = wizard.getByRole('button', { name: 'Confirm and import' })
    await expect(confirm).toBeEnabled()
    await confirm.focus()
    await page.keyboard.press('Enter')

    await expect(wizard.getByRole('heading', { name: 'Importing (step 4 of 4)' })).toBeVisible()
    await expect(wizard.getByText('Imported and checked: the service stored exactly what was sent.')).toBeVisible({ timeout: 30_000 })
    if (target === 'This computer') await porter.screenshot('import-4-done')
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
