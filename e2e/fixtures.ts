import { mkdtemp, mkdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { test as base, type Page } from '@playwright/test'
import { startBridge, type Bridge } from '../electron/bridge/bridge-server'
import { bridgeShellAdapters } from '../electron/bridge/bridge-shell'
import { createPorterApi } from '../electron/services/api/create-porter-api'
import { createServices } from '../electron/services/create-services'
import type { NewConnection } from '../electron/services/settings/connections-service'
import { version } from '../package.json'

export interface PorterApp {
  page: Page
  bridge: Bridge
  dataDir: string
  home: string
  /** Saves a screenshot under test-results/screens so each screen can be looked at. */
  screenshot(name: string): Promise<void>
}

interface Options {
  seedConnections: NewConnection[]
}

/** Each test gets its own data folder and home, real services, and the built renderer through the bridge. */
export const test = base.extend<Options & { porter: PorterApp }>({
  seedConnections: [[], { option: true }],
  porter: async ({ page, seedConnections }, use) => {
    const root = await mkdtemp(join(tmpdir(), 'porter-e2e-'))
    const dataDir = join(root, 'data')
    const home = join(root, 'home')
    await mkdir(dataDir, { recursive: true })
    await mkdir(home, { recursive: true })
    const services = createServices(
      { platform: 'linux', home, env: {}, dataDir, tempRoot: root, now: () => new Date() },
      bridgeShellAdapters(join(root, 'downloads')),
      { version, shell: 'bridge' }
    )
    for (const connection of seedConnections) await services.connections.add(connection)
    const bridge = await startBridge({
      handlers: createPorterApi(services),
      rendererDir: join(__dirname, '../out/renderer')
    })
    await page.addInitScript({ content: bridge.clientScript })
    await page.goto(bridge.url)
    await use({
      page,
      bridge,
      dataDir,
      home,
      screenshot: async (name) => {
        await page.screenshot({ path: join(__dirname, '../test-results/screens', `${name}.png`), fullPage: true })
      }
    })
    await bridge.close()
    await rm(root, { recursive: true, force: true })
  }
})

export { expect } from '@playwright/test'
