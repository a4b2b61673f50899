import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { chromium, type BrowserContext, type Page } from '@playwright/test'
import { extractArchive } from '../../electron/services/archive/extract/extract-archive'
import { CHROMIUM_ARGS } from '../../test/chromium'
import type { BrowserPool } from './browser-pool'
import { look } from './look'
import { verdictOf, type PageState } from './verdict'
import { packFolder } from './pack-folder'

export interface Look {
  url: string
  state: PageState
  finalUrl: string
  title: string
  evidence: string
  text: string
}

export interface CloudBrowser {
  look(url: string): Promise<Look>
  screenshot(): Promise<Buffer | undefined>
  /** Quits the browser and removes its private copy; `keep` first packs the copy (a session that saves its state). */
  close(keep?: { format: 'zip' | 'tgz'; store(file: string): Promise<void> }): Promise<void>
}

/**
 * A real headless Chromium on a private copy of a stored profile archive: only the mapped test
 * hosts resolve (to this computer), everything else is unreachable. The stored archive is only
 * ever read; what the browser changes stays in the copy unless `close` is asked to keep it.
 */
export async function openCloudBrowser(archive: string | undefined, pool: BrowserPool): Promise<CloudBrowser | undefined> {
  const slot = pool.take()
  if (slot === undefined) return undefined
  const release: () => void = slot
  const dir = await mkdtemp(join(tmpdir(), 'porter-cloud-browser-'))
  const profile = join(dir, 'profile')
  let context: BrowserContext | undefined
  try {
    if (archive !== undefined) await extractArchive(archive, profile)
    const rules = [...(pool.settings.hostRules ?? []), 'MAP * ~NOTFOUND'].join(', ')
    context = await chromium.launchPersistentContext(profile, {
      executablePath: pool.settings.executable,
      headless: true,
      args: [...CHROMIUM_ARGS, `--host-resolver-rules=${rules}`, ...(pool.settings.extraArgs ?? [])]
    })
  } catch (error) {
    await context?.close().catch(() => undefined)
    await rm(dir, { recursive: true, force: true })
    release()
    throw error
  }
  const opened = context
  let page: Page = opened.pages()[0] ?? (await opened.newPage())
  const timeoutMs = pool.settings.pageTimeoutMs ?? 20_000
  let closing: Promise<void> | undefined
  // A look in progress when the browser closes gives up at once (Playwright may never settle a tab opened on a closing browser).
  let gone = () => undefined as void
  const closed = new Promise<never>((_resolve, reject) => (gone = () => reject(new Error('The browser was closed.'))))
  closed.catch(() => undefined)
  const lookAt = async (url: string): Promise<Look> => {
    // Each site in a fresh tab: a failed navigation's error page cannot cut into the next one.
    const previous = page
    page = await opened.newPage()
    await previous.close().catch(() => undefined)
    const facts = await look(page, url, timeoutMs)
    const { state, evidence } = verdictOf(facts)
    return { url, state, finalUrl: facts.finalUrl, title: facts.title, evidence, text: facts.text }
  }
  return {
    look(url) {
      if (closing !== undefined) return closed
      const work = lookAt(url)
      work.catch(() => undefined)
      return Promise.race([work, closed])
    },
    screenshot: () => page.screenshot({ type: 'png' }).catch(() => undefined),
    close(keep) {
      gone()
      closing ??= shutDown(keep)
      return closing
    }
  }

  async function shutDown(keep: { format: 'zip' | 'tgz'; store(file: string): Promise<void> } | undefined): Promise<void> {
    try {
      // Closing the way a person quits writes the browser's state to disk first.
      await opened.close().catch(() => undefined)
      if (keep !== undefined) {
        const packed = join(dir, keep.format === 'zip' ? 'profile.zip' : 'profile.tar.gz')
        await packFolder(profile, keep.format, packed)
        await keep.store(packed)
      }
    } finally {
      await rm(dir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 })
      release()
    }
  }
}
