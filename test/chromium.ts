import { chromium, type BrowserContext } from '@playwright/test'
import { join } from 'node:path'

export const CHROMIUM = process.env['CHROMIUM_PATH'] ?? '/usr/bin/chromium'

/** The flags our machines need (no sandbox as root, no network chatter); Playwright tests use them too. */
export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic'
]

/**
 * Playwright turns third-party storage partitioning off; Chrome ships with it on, and so run the
 * person's browser and the cloud's. Chromium takes the last --disable-features it is given: this
 * list is Playwright's without that one (plain-HTTP test sites kept on HTTP).
 */
export const AS_CHROME_SHIPS =
  '--disable-features=HttpsUpgrades,HttpsFirstBalancedModeAutoEnable,DestroyProfileOnBrowserClose,AvoidUnnecessaryBeforeUnloadCheckSync,MediaRouter,OptimizationHints,PaintHolding'

/** Debian's Chromium on a user-data folder, as a cloud browser would start it (Playwright's defaults: basic password store). */
export function launchOn(userDataDir: string, extraArgs: string[] = []): Promise<BrowserContext> {
  return chromium.launchPersistentContext(userDataDir, { executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS, ...extraArgs] })
}

/**
 * Chromium writes Local Storage to disk on a timer, and a browser closed right after a page wrote
 * may not have written it all: tests that read the files wait until the last key each origin set
 * is there (an origin's changes are written in order, so the earlier ones are too).
 */
export async function untilLocalStorageHolds(
  userDataDir: string,
  lastKeys: Array<{ origin: string; key: string }>,
  timeoutMs = 30_000
): Promise<void> {
  const { readLevelDb } = await import('../electron/services/leveldb/read-db')
  const store = join(userDataDir, 'Default', 'Local Storage', 'leveldb')
  const wanted = lastKeys.map(({ origin, key }) => `_${origin}\0\x01${key}`)
  const deadline = Date.now() + timeoutMs
  for (;;) {
    const contents = await readLevelDb(store).catch(() => new Map<string, unknown>())
    if (wanted.every((key) => contents.has(key))) return
    if (Date.now() > deadline) throw new Error(`Chromium did not write Local Storage within ${timeoutMs / 1000} s`)
    await new Promise((resolve) => setTimeout(resolve, 200))
  }
}
