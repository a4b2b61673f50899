import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { boot as bootIn, type BootOptions } from './boot-app'

let root: string
let feed: Server
let feedUrl: string
const requested: string[] = []
const boot = (scenario: string, options?: BootOptions) => bootIn(root, scenario, options)

// The "new version": an AppImage that, run by the updater at quit, says it was installed.
const artifact = Buffer.from('#!/bin/sh\necho "installed 0.2.0 silently=$APPIMAGE_SILENT_INSTALL" > "$(dirname "$0")/installed.txt"\n')
const tampered = Buffer.from(artifact.toString().replace('0.2.0', '6.6.6'))
const sha512 = createHash('sha512').update(artifact).digest('base64')
const ARTIFACT = 'Profile-Porter-0.2.0-x86_64.AppImage'
const latest = [
  'version: 0.2.0',
  'files:',
  `  - url: ${ARTIFACT}`,
  `    sha512: ${sha512}`,
  `    size: ${artifact.length}`,
  `path: ${ARTIFACT}`,
  `sha512: ${sha512}`,
  "releaseDate: '2026-11-30T10:00:00.000Z'",
  ''
].join('\n')

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'porter-daily-'))
  // The update feed on loopback, as electron-builder publishes it: latest-linux.yml beside the artifact.
  // /good/ serves the artifact the yml describes; /tampered/ serves other bytes of the same length.
  feed = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://feed').pathname
    requested.push(path)
    const [, channel, file] = path.split('/')
    if (file !== undefined && /^latest.*\.yml$/.test(file)) return response.end(latest)
    if (file === ARTIFACT) return response.end(channel === 'tampered' ? tampered : artifact)
    response.writeHead(404).end()
  })
  await new Promise<void>((resolve) => feed.listen(0, '127.0.0.1', resolve))
  feedUrl = `http://127.0.0.1:${(feed.address() as AddressInfo).port}`
})
afterAll(async () => {
  await new Promise((resolve) => feed.close(resolve))
  await rm(root, { recursive: true, force: true })
})

const unzip = (zip: string, ...args: string[]) => execFileSync('unzip', [...args, zip], { encoding: 'utf8' })

describe('the built app in daily use, with a stand-in Electron', { timeout: 120_000 }, () => {
  it('keeps a log, opens its folder, and saves a report for IT that holds what the preview showed and no secret', async () => {
    const report = await boot('daily-normal', {
      prepare: (dataDir) =>
        writeFile(
          join(dataDir, 'settings.json'),
          JSON.stringify({
            connections: [],
            preferences: { window: { width: 1400, height: 900, maximized: true } },
            __internal__: { migrations: { version: '2.0.0' } }
          })
        )
    })
    expect(report.problems).toEqual([])
    expect(report['openedAt']).toEqual({ width: 1400, height: 900, maximized: true })
    expect(report['preferencesAfterClose']).toEqual({ window: { width: 1400, height: 900, maximized: false } })
    const log = report['log'] as string
    expect(log).toMatch(/\[info\] {2}Profile Porter 0\.0\.0-boot starting/)
    expect(log).toMatch(/Transfer import \w+ started/)
    expect(log).toMatch(/Transfer import \w+ finished in [\d.]+ s/)
    expect(log).not.toContain('enig_boot_secret_key')
    expect(report['logMode']).toBe('600')
    expect(report['openedFolder']).toBe(join(root, 'daily-normal', 'data', 'logs'))
    expect(report['commands']).toEqual(['saveReport'])
    expect(report['updateState']).toEqual({ status: 'off', message: 'Updates are checked only in an installed build.' })

    expect(report['previewFiles']).toEqual(['README.txt', 'about.json', 'browsers.json', 'transfers.json', 'log.txt'])
    const preview = Object.fromEntries((report['preview'] as Array<{ name: string; text: string }>).map((file) => [file.name, file.text]))
    expect(JSON.parse(preview['browsers.json'] as string)).toEqual([{ browser: 'Google Chrome', profiles: 1 }])
    expect(JSON.parse(preview['transfers.json'] as string).thisSession).toMatchObject([{ kind: 'import', status: 'done' }])
    expect(JSON.parse(preview['about.json'] as string)).toMatchObject({ app: { version: '0.0.0-boot' }, os: { platform: 'linux' } })
    const everything = Object.values(preview).join('\n')
    for (const personal of ['Work', 'Logged', 'enig_boot_secret_key', join(root, 'daily-normal', 'home')]) {
      expect(everything).not.toContain(personal)
    }

    const zip = report['savedReport'] as string
    expect(zip).toMatch(/daily-normal\/downloads\/Profile Porter report .*\.zip$/)
    expect(unzip(zip, '-Z1').trim().split('\n')).toEqual(['README.txt', 'about.json', 'browsers.json', 'transfers.json', 'log.txt'])
    expect(unzip(zip, '-p')).toBe(Object.values(preview).join(''))
  })

  it('shows a transfer that ended before the window listened as ended, as soon as it listens', async () => {
    const report = await boot('late-subscriber')
    expect(report.problems).toEqual([])
    expect(report['firstSeen']).toMatchObject({ kind: 'import', status: 'done', title: 'Early → this computer' })
  })

  it('reloads a crashed page, keeps the transfer running, and the new page sees it end', async () => {
    const report = await boot('page-gone', { bigProfile: true })
    expect(report.problems).toEqual([])
    expect(report).toMatchObject({ reloaded: true, seenAfterReload: 'done' })
    expect(report['goneLines']).toEqual([expect.stringContaining("The window's page stopped (crashed, exit code 133); reloading it.")])
  })

  it('an error thrown inside main: logged without secrets, the transfer journalled as interrupted, one dialog, a report, a restart; the next start undoes it', async () => {
    const report = await boot('main-throws', { bigProfile: true, messageBoxAnswers: [1, 0] })
    expect(report.problems).toEqual([])
    const log = report['log'] as string
    expect(log).toMatch(/\[error\] Unexpected error in the main process: Error: deliberate: boom near hk-\[redacted\]/)
    expect(log).toContain('https://s3.example.com/b?[redacted]')
    expect(log).toMatch(/\[error\] Unexpected promise rejection in the main process: Error: deliberate: a rejection nobody handled/)
    expect(log).toContain('1 running transfer written down as interrupted.')
    for (const secret of ['hk-boot-secret-0123456789', 'deadbeefcafe']) expect(log).not.toContain(secret)

    expect(report['journal']).toEqual([
      expect.objectContaining({ jobId: report['jobId'], connectionId: 'local', interruptedAt: expect.any(String) })
    ])
    const dialog = {
      message: 'Profile Porter ran into a problem it did not expect and needs to restart.',
      buttons: ['Restart', 'Save a report', 'Quit']
    }
    // The same one dialog, shown again after the report was saved; the rejection asked for no second.
    expect(report['dialogs']).toEqual([dialog, dialog])
    expect(report).toMatchObject({ relaunched: true, exitCode: 0 })
    const [saved] = report['downloads'] as string[]
    expect(report['shownInFolder']).toEqual([join(root, 'main-throws', 'downloads', saved as string)])
    const zipped = unzip(join(root, 'main-throws', 'downloads', saved as string), '-p')
    expect(zipped).toContain('deliberate: boom near hk-[redacted]')
    expect(zipped).not.toContain('hk-boot-secret-0123456789')
    expect(zipped).toMatch(/"kind": "import"/)

    // The next start (one story with the crash, so no test waits on another's leftovers) undoes
    // what the interrupted transfer made, and says so.
    const next = await boot('after-crash', {
      prepare: async (dataDir) => {
        const crashed = join(root, 'main-throws', 'data')
        await cp(join(crashed, 'journal'), join(dataDir, 'journal'), { recursive: true })
        // What the interrupted import had made in the library by then, if it had got that far.
        await cp(join(crashed, 'library'), join(dataDir, 'library'), { recursive: true }).catch(() => undefined)
      }
    })
    expect(next.problems).toEqual([])
    expect(next['noticesAfterCrash']).toEqual([
      expect.objectContaining({
        tone: 'warning',
        message: expect.stringMatching(
          /^Profile Porter stopped after an unexpected problem last time, in the middle of a transfer; start it again/
        )
      })
    ])
    expect(next['libraryAfterCrash']).toEqual([])
  }, 240_000)
})

describe('updates from a loopback feed, with a stand-in Electron', { timeout: 120_000 }, () => {
  it('finds a newer version, downloads and verifies it, waits while a transfer runs, and installs at the next quit', async () => {
    const report = await boot('update-ready', {
      installed: { version: '0.1.0', feed: `${feedUrl}/good` },
      bigProfile: true,
      messageBoxAnswers: [1, 1]
    })
    expect(report.problems).toEqual([])
    expect(report['ready']).toEqual({ status: 'ready', version: '0.2.0' })
    expect(report['pending']).toContain(ARTIFACT)
    expect(report['checkAnswer']).toEqual({
      message: 'Version 0.2.0 is ready. It installs when you quit Profile Porter, or restart now.',
      buttons: ['Restart now', 'Later']
    })
    expect(report['restartWhileRunning']).toMatchObject({
      ok: false,
      error: { code: 'conflict', message: 'A transfer is running, so Profile Porter cannot restart now.' }
    })
    expect(report['quitQuestion']).toMatchObject({ message: 'An upload is running — cancel it and quit?' })
    expect(report['appsWhileRunning']).toEqual(['Profile-Porter-0.1.0-x86_64.AppImage'])
    expect(report['installed']).toBe('installed 0.2.0 silently=true\n')
    expect(report['appsAfter']).toEqual([ARTIFACT, 'installed.txt'])
    expect(report['updateLines']).toEqual([
      expect.stringContaining('[info]  Update 0.2.0 found; downloading it in the background.'),
      expect.stringContaining('[info]  Update 0.2.0 downloaded and verified; it installs when Profile Porter quits.'),
      expect.stringContaining('[info]  Installing update 0.2.0 as Profile Porter quits.')
    ])
  })

  it('throws away an artifact that does not match its sha512, says so in the window, installs nothing', async () => {
    const report = await boot('update-tampered', { installed: { version: '0.1.0', feed: `${feedUrl}/tampered` } })
    expect(report.problems).toEqual([])
    expect(report['failed']).toEqual({
      status: 'failed',
      version: '0.2.0',
      message: 'The downloaded update did not match its published checksum, so it was thrown away. Profile Porter will try again later.'
    })
    expect((report['pending'] as string[]).filter((name) => name.endsWith('.AppImage'))).toEqual([])
    expect(report['appsAfter']).toEqual(['Profile-Porter-0.1.0-x86_64.AppImage'])
    expect(report['dialogs']).toBe(0)
    expect(report['updateLines']).toEqual([
      expect.stringContaining('Update 0.2.0 found'),
      expect.stringMatching(/\[warn\] {2}Update 0\.2\.0 was thrown away: The downloaded update did not match its published checksum/)
    ])
  })

  it('an unreachable feed is one quiet log line: no dialog, no error, nothing in the window', async () => {
    const closed = createServer()
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve))
    const port = (closed.address() as AddressInfo).port
    await new Promise((resolve) => closed.close(resolve))
    const report = await boot('update-unreachable', { installed: { version: '0.1.0', feed: `http://127.0.0.1:${port}/feed` } })
    expect(report.problems).toEqual([])
    expect(report['state']).toEqual({ status: 'idle' })
    expect(report['dialogs']).toBe(0)
    expect(report['errorLines']).toEqual([])
    expect(report['updateLines']).toEqual([
      expect.stringMatching(
        /\[info\] {2}Update check: the update server could not be reached \(ECONNREFUSED\); next check in a few hours\.$/
      )
    ])
  })

  it('IT turns updates off with PORTER_UPDATES=off, or a policy file: no feed is asked', async () => {
    const fromEnv = await boot('updates-off-env', {
      installed: { version: '0.1.0', feed: `${feedUrl}/good` },
      env: { PORTER_UPDATES: 'off' }
    })
    expect(fromEnv).toMatchObject({
      problems: [],
      state: { status: 'off', message: 'Updates are turned off on this computer (PORTER_UPDATES).' },
      requests: 0
    })
    const programData = join(root, 'program-data')
    await mkdir(join(programData, 'Profile Porter'), { recursive: true })
    await writeFile(join(programData, 'Profile Porter', 'policy.json'), '{ "updates": false }\n')
    const fromPolicy = await boot('updates-off-policy', {
      platform: 'win32',
      installed: { version: '0.1.0', feed: `${feedUrl}/good` },
      env: { ProgramData: programData }
    })
    expect(fromPolicy).toMatchObject({ problems: [], state: { status: 'off' }, requests: 0 })
    expect((fromPolicy['state'] as { message: string }).message).toBe(
      `Updates are turned off by your IT department (${join(programData, 'Profile Porter', 'policy.json')}).`
    )
    expect(await readFile(join(root, 'updates-off-policy', 'data', 'logs', 'main.log'), 'utf8')).toContain(
      'turned off by your IT department'
    )
  })
})
