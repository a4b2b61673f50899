import { readFile, writeFile } from 'node:fs/promises'
import { join } from 'node:path'
import { makeArchive } from '../test/support/archives'
import { expect, test } from './fixtures'

test('a library profile whose record is damaged is listed as damaged, and can be repaired from the window', async ({ porter }) => {
  const { page } = porter
  const library = await porter.services.connections.serviceFor('local')
  const profile = await library.importArchive(await makeArchive(porter.root, 'tgz'), { name: 'Team CRM', browserFamily: 'chromium' })
  const meta = join(porter.root, 'data/library', profile.id, 'meta.json')
  const record = await readFile(meta, 'utf8')
  await writeFile(meta, record.slice(0, record.length - 30))
  await page.reload()

  const damaged = `Damaged entry ${profile.id.slice(0, 8)}`
  await page.getByRole('button', { name: damaged }).click()
  const drawer = page.getByRole('dialog', { name: damaged })
  await expect(drawer.getByRole('heading', { name: 'This profile’s record is damaged' })).toBeVisible()
  await expect(drawer.getByText(/its record \(meta\.json\) is not readable/)).toBeVisible()
  await porter.expectAccessible('drawer of a damaged profile')
  await drawer.getByRole('button', { name: 'Repair' }).click()

  // The drawer shows the repaired record in place: its name again, ready, its archive measured anew.
  const repaired = page.getByRole('dialog', { name: 'Team CRM' })
  await expect(repaired.getByRole('definition').filter({ hasText: 'Ready' })).toBeVisible()
  await expect(repaired.getByRole('heading', { name: 'This profile’s record is damaged' })).toHaveCount(0)
  await repaired.getByRole('button', { name: 'Close' }).click()
  await expect(
    page.getByRole('table', { name: 'Profiles' }).getByRole('row').filter({ hasText: 'Team CRM' }).getByText('Ready')
  ).toBeVisible()
  expect((await library.list()).map((listed) => listed.name)).toEqual(['Team CRM'])
})
