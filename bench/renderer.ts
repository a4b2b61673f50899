import { readdir, readFile, stat } from 'node:fs/promises'
import { join } from 'node:path'
import { chromium } from '@playwright/test'
import { startBridge } from '../electron/bridge/bridge-server'
import { CHROMIUM, CHROMIUM_ARGS } from '../test/chromium'
import { firstScreenHandlers } from './first-screen-handlers'
import { report } from './report'

const renderer = join(__dirname, '../out/renderer')

/**
 * The built renderer: how much JavaScript it ships, how much the first screen loads, and the time
 * from opening the window to the first painted content (median of 7, Debian's Chromium).
 */
export async function benchRenderer(): Promise<void> {
  const assets = join(renderer, 'assets')
  const scripts = (await readdir(assets)).filter((name) => name.endsWith('.js'))
  let total = 0
  for (const name of scripts) total += (await stat(join(assets, name))).size
  report('renderer_js_bytes', total, 'bytes')
  const html = await readFile(join(renderer, 'index.html'), 'utf8')
  const entry = /<script type="module"[^>]*src="\.\/assets\/([^"]+)"/.exec(html)?.[1] ?? ''
  report('renderer_first_screen_js_bytes', (await stat(join(assets, entry))).size, 'bytes')

  const handlers = firstScreenHandlers({
    'connections:list': async () => [{ id: 'local', kind: 'local', name: 'This computer' }],
    'profiles:list': async () => ({
      capabilities: {
        canDownload: true,
        canCreateEmpty: true,
        hasLabels: true,
        hasDefaults: false,
        canEditLabels: true,
        archiveFormat: 'tgz',
        refreshKeepsId: true
      },
      profiles: []
    })
  })
  const bridge = await startBridge({ handlers, rendererDir: renderer })
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS })
  try {
    const times: number[] = []
    for (let run = 0; run < 7; run++) {
      const page = await browser.newPage()
      await page.addInitScript({ content: bridge.clientScript })
      await page.goto(bridge.url)
      await page.getByRole('navigation', { name: 'Connections' }).waitFor()
      times.push(await page.evaluate(() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN))
      await page.close()
    }
    times.sort((a, b) => a - b)
    report('first_paint_ms', times[3] ?? 0, 'ms')
  } finally {
    await browser.close()
    await bridge.close()
  }
}
