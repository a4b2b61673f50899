import { createPorterApi } from '../electron/services/api/create-porter-api'
import { makeArchive } from '../test/support/archives'
import { expect, test, type PorterApp } from './fixtures'
import { layoutProblems } from './layout-problems'

test.use({ withConnections: true })

const LONG_NAME = 'Sales team shared browser for the quarterly enterprise renewals campaign in Europe and North America'
const LONG_LABEL_VALUE = 'emea-north-america-enterprise-renewals-campaign-owned-by-the-revenue-operations-team-of-the-sales-department'
const LONG_DESCRIPTION = `Used by the renewal agents every weekday. Sign-ins for the CRM and the billing portal; see https://intranet.example.com/wiki/${'very-long-path-segment-'.repeat(12)}end for the runbook. ${'Keep this profile fresh. '.repeat(12)}`

/** Profiles whose every text is as long as the services allow, and two transfers in the dock. */
async function seed(porter: PorterApp): Promise<void> {
  const library = await porter.services.connections.serviceFor('local')
  const archive = await makeArchive(porter.root, 'tgz')
  for (let i = 0; i < 14; i++) {
    await library.importArchive(archive, {
      name: i === 13 ? LONG_NAME : `${LONG_NAME.slice(0, 40 + i)} ${i}`,
      description: LONG_DESCRIPTION.slice(0, 500),
      labels: { team: LONG_LABEL_VALUE, 'region-and-business-unit-of-the-owning-department': 'emea', cost: `centre-${i}` },
      browserFamily: 'chromium',
      browserVersion: '142.0.7444.59'
    })
  }
  const api = createPorterApi(porter.services)
  for (const profile of (await library.list()).slice(0, 2)) {
    const job = await api['transfers:startDownload']({ connectionId: 'local', profileId: profile.id }, { emit: () => undefined })
    if (job !== null) await porter.services.transfers.whenSettled(job.id)
  }
}

const SIZES = [
  { width: 1024, height: 700 },
  { width: 1280, height: 800 },
  { width: 1920, height: 1080 }
]

for (const colorScheme of ['light', 'dark'] as const) {
  for (const size of SIZES) {
    test(`every screen fits ${size.width}×${size.height} in ${colorScheme}`, async ({ porter }) => {
      const { page } = porter
      await page.emulateMedia({ colorScheme })
      await page.setViewportSize(size)
      await seed(porter)
      await page.reload()
      const check = async (screen: string) => {
        await porter.screenshot(`layout-${screen}-${size.width}x${size.height}-${colorScheme}`)
        expect(await layoutProblems(page), screen).toEqual([])
      }

      const table = page.getByRole('table', { name: 'Profiles' })
      await expect(table.getByRole('row')).not.toHaveCount(1)
      await expect(page.getByRole('complementary', { name: 'Transfers' }).getByText('Done')).toHaveCount(2)
      await check('list')
      const longRow = table.getByRole('row').filter({ hasText: LONG_NAME })
      await expect(longRow.getByRole('button', { name: LONG_NAME })).toHaveAttribute('title', LONG_NAME)

      await longRow.getByRole('button', { name: LONG_NAME }).click()
      const drawer = page.getByRole('dialog', { name: LONG_NAME })
      await expect(drawer.getByRole('button', { name: 'Delete' })).toBeInViewport()
      await expect(drawer.getByRole('button', { name: 'Close' })).toBeInViewport()
      await check('drawer')
      await page.keyboard.press('Escape')

      await page.getByRole('button', { name: 'Import from this computer' }).click()
      const wizard = page.getByRole('dialog')
      await wizard.getByRole('radio').first().check()
      await wizard.getByRole('button', { name: 'Next' }).click()
      await expect(wizard.getByRole('checkbox', { name: /^crm-alpha\.com/ })).toBeVisible()
      await check('wizard-sites')
      await page.keyboard.press('Escape')

      await page.getByRole('button', { name: 'Settings of WebRun' }).click()
      await expect(page.getByRole('dialog', { name: 'Settings of “WebRun”' })).toBeVisible()
      await check('connection-settings')
    })
  }
}
