import { randomBytes } from 'node:crypto'
import { mkdtemp, mkdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import AxeBuilder from '@axe-core/playwright'
import { expect, test as base, type Page } from '@playwright/test'
import { startBridge, type Bridge } from '../electron/bridge/bridge-server'
import { bridgeShellAdapters } from '../electron/bridge/bridge-shell'
import { createPorterApi } from '../electron/services/api/create-porter-api'
import { createServices } from '../electron/services/create-services'
import type { PorterServices } from '../electron/services/api/porter-services'
import { TransferRunner } from '../electron/services/transfers/transfer-runner'
import { startReferenceCloud, type ReferenceCloud } from '../server/reference-cloud'
import { chromiumTree } from '../test/fixtures/browser-trees'
import { writeCookiesDb } from '../test/fixtures/cookies-db'
import { startFaultProxy, type FaultProxy } from '../test/support/fault-proxy'
import type { Platform } from '../electron/services/os/paths'
import type { KeySources } from '../electron/services/portability/key-sources'
import { startCheckCloud } from '../test/support/check-cloud'
import { version } from '../package.json'
import { ReadyUpdater } from '../test/support/ready-updater'
import { createUpdates } from '../electron/services/updates/update-controller'
import { silentLog } from '../electron/services/logging/logger'

export interface PorterApp {
  page: Page
  bridge: Bridge
  services: PorterServices
  cloud: ReferenceCloud
  proxy: FaultProxy
  root: string
  downloads: string
  /** With `updateReady`: the updater the app drives, to see what it was asked. */
  updater: ReadyUpdater | undefined
  /** Saves a screenshot under test-results/screens so each screen can be looked at. */
  screenshot(name: string): Promise<void>
  /** axe-core on the page as it is: no serious or critical violations. */
  expectAccessible(screen: string): Promise<void>
  /** Addresses the app asked to open in the person's browser (a check's live view). */
  opened: string[]
}

interface Options {
  /** Add an H Company and a WebRun connection, both through the fault proxy. */
  withConnections: boolean
  webrunKey: string
  /** A version that is downloaded and ready to install, as the desktop app's updater would report it. */
  updateReady: string | undefined
  /** The OS the services run as (its browsers' folders and cookie keys), and how that OS hands out keys. */
  platform: Platform
  keySources: KeySources | undefined
  /** Give the reference cloud a real Chromium for its sessions, with the check's test sites mapped to this computer. */
  cloudBrowser: boolean
  /** The first wait before a transfer tries again (the app waits 1 s, then 2 s, 4 s); a test that only needs it to give up waits less. */
  retryBaseMs: number | undefined
}

/**
 * Each test gets its own data folder, a home folder with a Chrome profile in it, the reference
 * cloud behind a fault proxy, real services, and the built renderer in Chromium through the bridge.
 */
export const test = base.extend<Options & { porter: PorterApp }>({
  withConnections: [false, { option: true }],
  webrunKey: ['enig_local_dev', { option: true }],
  updateReady: [undefined, { option: true }],
  platform: ['linux', { option: true }],
  keySources: [undefined, { option: true }],
  cloudBrowser: [false, { option: true }],
  retryBaseMs: [undefined, { option: true }],
  porter: async ({ page, withConnections, webrunKey, updateReady, platform, keySources, cloudBrowser, retryBaseMs }, use) => {
    const root = await mkdtemp(join(tmpdir(), 'porter-e2e-'))
    const home = join(root, 'home')
    const tempRoot = join(root, 'tmp')
    await mkdir(tempRoot, { recursive: true })
    await chromiumTree(join(home, '.config/google-chrome'), {
      lastVersion: '131.0.6778.86',
      profiles: [
        {
          folder: 'Profile 1',
          name: 'Work',
          email: 'ada@example.com',
          files: { 'Local Storage/leveldb/000003.log': randomBytes(4 * 1024 * 1024), 'Cache/data_0': randomBytes(10_000) }
        }
      ]
    })
    // Signed in to a work site, a bank, Google, and a page served on this computer.
    await writeCookiesDb(join(home, '.config/google-chrome/Profile 1/Network/Cookies'), [
      { host: '.crm-alpha.com', name: 'session_id', value: 'crm-cookie-secret' },
      { host: '.chase.com', name: 'auth_token', value: 'bank-cookie-secret' },
      { host: 'accounts.google.com', name: '__Secure-1PSID', value: 'google-cookie-secret' },
      { host: 'localhost', name: 'sid', value: 'local-cookie-secret' }
    ])
    const checkCloud = cloudBrowser ? await startCheckCloud({ webrunRateLimit: 0 }) : undefined
    const cloud = checkCloud?.cloud ?? (await startReferenceCloud({ webrunRateLimit: 0 }))
    const proxy = await startFaultProxy(cloud.url)
    const downloads = join(root, 'downloads')
    const updater = updateReady === undefined ? undefined : new ReadyUpdater(updateReady)
    // Services are made after this; a restart asked for while one of their transfers runs is refused.
    let running = () => false
    const updates =
      updater === undefined ? {} : { updates: createUpdates({ updater, currentVersion: version, log: silentLog, busy: () => running() }) }
    const opened: string[] = []
    const services = createServices(
      { platform, home, env: {}, dataDir: join(root, 'data'), tempRoot, now: () => new Date() },
      {
        ...bridgeShellAdapters(downloads, { onOpenAddress: (url) => opened.push(url) }),
        ...updates,
        ...(keySources === undefined ? {} : { keySources })
      },
      { version, shell: 'bridge' }
    )
    running = () => services.transfers.list().some((job) => job.status === 'running')
    if (retryBaseMs !== undefined) services.transfers = new TransferRunner({ retryBaseMs })
    if (withConnections) {
      await services.connections.add({ kind: 'hcompany', name: 'H Company', baseUrl: proxy.url, apiKey: 'hk-local-dev' })
      await services.connections.add({ kind: 'webrun', name: 'WebRun', baseUrl: proxy.url, apiKey: webrunKey })
    }
    const bridge = await startBridge({ handlers: createPorterApi(services), rendererDir: join(__dirname, '../out/renderer') })
    // Every Content-Security-Policy violation, from the page's own report and from the console.
    const violations: string[] = []
    page.on('console', (message) => {
      if (/Content Security Policy/i.test(message.text())) violations.push(message.text())
    })
    await page.exposeFunction('__porterCspViolation', (text: string) => violations.push(text))
    await page.addInitScript(() => {
      document.addEventListener('securitypolicyviolation', (event) => {
        void (window as unknown as { __porterCspViolation(text: string): void }).__porterCspViolation(
          `${event.violatedDirective} blocked ${event.blockedURI || 'inline'}`
        )
      })
    })
    await page.addInitScript({ content: bridge.clientScript })
    await page.goto(bridge.url)
    await use({
      page,
      bridge,
      services,
      cloud,
      proxy,
      root,
      downloads,
      updater,
      opened,
      screenshot: async (name) => {
        await page.screenshot({ path: join(__dirname, '../test-results/screens', `${name}.png`) })
      },
      expectAccessible: async (screen) => {
        const results = await new AxeBuilder({ page }).analyze()
        const serious = results.violations
          .filter((v) => v.impact === 'serious' || v.impact === 'critical')
          .map(
            (v) =>
              `${screen}: ${v.id} — ${v.help}: ${v.nodes
                .map((n) => n.target.join(' '))
                .slice(0, 3)
                .join(', ')}`
          )
        expect(serious).toEqual([])
      }
    })
    expect(violations, 'Content-Security-Policy violations').toEqual([])
    await bridge.close()
    await proxy.close()
    await (checkCloud?.close() ?? cloud.close())
    await rm(root, { recursive: true, force: true })
  }
})

export { expect }
