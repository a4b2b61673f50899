import { join } from 'node:path'
import { chromium } from '@playwright/test'
import type { Profile } from '../shared/domain/profile'
import { startBridge } from '../electron/bridge/bridge-server'
import { CHROMIUM, CHROMIUM_ARGS } from '../test/chromium'
import { firstScreenHandlers } from './first-screen-handlers'
import { report } from './report'

/** Runs in the page: click the connection, resolve when rows are in the DOM and two frames have painted. */
const MEASURE_CLICK_TO_ROWS = `new Promise((resolve) => {
  const start = performance.now()
  const observer = new MutationObserver(() => {
    if (document.querySelector('[aria-rowindex]') === null) return
    observer.disconnect()
    requestAnimationFrame(() => requestAnimationFrame(() => resolve(performance.now() - start)))
  })
  observer.observe(document.body, { childList: true, subtree: true })
  ;[...document.querySelectorAll('nav button')].find((b) => b.textContent.includes('Big')).click()
})`

function profiles(count: number): Profile[] {
  return Array.from({ length: count }, (_, i) => ({
    id: `id-${i}`,
    name: `Profile ${i}`,
    status: i % 10 === 0 ? 'empty' : 'ready',
    browser: 'chromium',
    browserVersion: '131',
    sizeBytes: 1000 * i,
    usageCount: i % 7,
    lastUsedAt: new Date(Date.now() - i * 3600_000).toISOString(),
    createdAt: new Date(Date.now() - i * 7200_000).toISOString(),
    labels: { team: `t${i % 5}` }
  }))
}

/**
 * A connection holding 1,000 profiles: from the click in the sidebar to the list's first painted
 * rows (target ≤ 150 ms), median of 7; the renderer is the built one, in Debian's Chromium.
 */
export async function benchListPaint(): Promise<void> {
  const big = profiles(1000)
  const handlers = firstScreenHandlers({
    'connections:list': async () => [
      { id: 'local', kind: 'local', name: 'This computer' },
      { id: 'big', kind: 'webrun', name: 'Big', baseUrl: 'https://connect.webrun.ai' }
    ],
    'profiles:list': async ({ connectionId }) => ({
      capabilities: {
        canDownload: true,
        canCreateEmpty: true,
        hasLabels: true,
        hasDefaults: false,
        canEditLabels: false,
        archiveFormat: 'tgz',
        refreshKeepsId: true
      },
      profiles: connectionId === 'big' ? big : []
    })
  })
  const bridge = await startBridge({ handlers, rendererDir: join(__dirname, '../out/renderer') })
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
  try {
    const times: number[] = []
    let rendered = 0
    for (let run = 0; run < 7; run++) {
      const page = await browser.newPage()
      await page.addInitScript({ content: bridge.clientScript })
      await page.goto(bridge.url)
      await page.getByText('No profiles here yet').waitFor()
      const ms = await page.evaluate<number>(MEASURE_CLICK_TO_ROWS)
      rendered = await page.locator('[aria-rowindex]').count()
      times.push(ms)
      await page.close()
    }
    times.sort((a, b) => a - b)
    report('list_1000_first_paint_ms', times[3] ?? 0, 'ms')
    report('list_1000_rows_in_dom', rendered, 'rows')
  } finally {
    await browser.close()
    await bridge.close()
  }
}
