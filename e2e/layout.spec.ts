import type { Page } from '@playwright/test'
import { createPorterApi } from '../electron/services/api/create-porter-api'
import { makeArchive } from '../test/support/archives'
import { expect, test, type PorterApp } from './fixtures'

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

/**
 * What a person must never see: the page itself scrolling, rows drawn over each other, a control
 * outside the window or its container, text cut off without an ellipsis.
 */
async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = []
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.getAttribute('aria-label') ? `[${el.getAttribute('aria-label')}]` : ''} “${(el.textContent ?? '').trim().slice(0, 40)}”`
    const hidden = (el: Element) =>
      el.closest('.visually-hidden, [data-radix-focus-guard], [aria-hidden="true"]') !== null || el.getClientRects().length === 0
    const vw = window.innerWidth
    const vh = window.innerHeight
    if (document.documentElement.scrollWidth > vw + 1)
      problems.push(`the page scrolls sideways (${document.documentElement.scrollWidth} > ${vw})`)
    if (document.documentElement.scrollHeight > vh + 1) problems.push(`the page scrolls (${document.documentElement.scrollHeight} > ${vh})`)

    const rows = [...document.querySelectorAll('[role="row"], tr')]
      .filter((row) => !hidden(row))
      .map((row) => [row, row.getBoundingClientRect()] as const)
    for (let i = 0; i < rows.length; i++) {
      for (let j = i + 1; j < rows.length; j++) {
        const [a, ra] = rows[i]!
        const [b, rb] = rows[j]!
        if (a.contains(b) || b.contains(a)) continue
        const overlap = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top)
        const side = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left)
        if (overlap > 1 && side > 1) problems.push(`rows overlap: ${describe(a)} and ${describe(b)}`)
      }
    }

    const clips = (style: CSSStyleDeclaration, axis: 'x' | 'y') => (axis === 'x' ? style.overflowX : style.overflowY) !== 'visible'
    for (const control of document.querySelectorAll('button, input, select, textarea, a[href]')) {
      if (hidden(control)) continue
      const box = control.getBoundingClientRect()
      if (box.left < -1 || box.right > vw + 1) problems.push(`outside the window: ${describe(control)}`)
      let container = control.parentElement
      while (container !== null && !clips(getComputedStyle(container), 'x') && !clips(getComputedStyle(container), 'y'))
        container = container.parentElement
      if (container === null) {
        if (box.top < -1 || box.bottom > vh + 1) problems.push(`below or above the window: ${describe(control)}`)
        continue
      }
      const frame = container.getBoundingClientRect()
      if (box.left < frame.left - 1 || box.right > frame.right + 1) problems.push(`outside its container sideways: ${describe(control)}`)
      const style = getComputedStyle(container)
      if ((style.overflowY === 'hidden' || style.overflowY === 'clip') && (box.top < frame.top - 1 || box.bottom > frame.bottom + 1))
        problems.push(`cut off by its container: ${describe(control)}`)
    }

    for (const element of document.querySelectorAll('body *')) {
      if (hidden(element) || (element.children.length > 0 && element.textContent === '')) continue
      const style = getComputedStyle(element)
      if (
        (style.overflowX === 'hidden' || style.overflowX === 'clip') &&
        element.scrollWidth > element.clientWidth + 1 &&
        style.textOverflow !== 'ellipsis'
      ) {
        problems.push(`text cut off without an ellipsis: ${describe(element)}`)
      }
    }
    return [...new Set(problems)]
  })
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
