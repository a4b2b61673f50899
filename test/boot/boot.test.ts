import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { appId } from '../../electron-builder.json'
import { boot as bootIn, type BootOptions } from './boot-app'

let root: string
const boot = (scenario: string, options?: BootOptions) => bootIn(root, scenario, options)

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'porter-boot-'))
})
afterAll(() => rm(root, { recursive: true, force: true }))

const secureWindow = {
  contextIsolation: true,
  sandbox: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  webviewTag: false,
  preloadExists: true
}

// Each case starts a whole Node process that loads the main bundle; on a loaded 2-core machine that
// alone has taken over 30 s. The case's own waits name what they waited for, within this budget.
describe('the built main bundle, started with a stand-in Electron', { timeout: 120_000 }, () => {
  it('starts: scheme before ready, one secure window, a sandbox-safe preload, the contract over IPC', async () => {
    const report = await boot('normal')
    expect(report.problems).toEqual([])
    expect(report).toMatchObject({
      schemes: ['app'],
      schemesBeforeReady: true,
      minimumSize: [960, 640],
      webPreferences: secureWindow,
      iconExists: true,
      loadedUrl: 'app://porter/index.html',
      preloadRequires: ['electron'],
      porterNamespaces: ['app', 'browsers', 'checks', 'connections', 'profiles', 'receipts', 'refresh', 'transfers'],
      appInfo: { name: 'Profile Porter', platform: 'linux', shell: 'electron', keyStorage: 'os-encrypted' },
      notices: [],
      added: { name: 'WebRun', keyHint: 'eni…key' },
      secretsFileWritten: true,
      connectionsAfterRemove: ['This computer'],
      detected: ['chrome:Default'],
      focusedOnSecondInstance: true,
      windowOpen: ['deny', 'deny', 'deny'],
      openedExternally: ['https://platform.eu.hcompany.ai/settings/api-keys'],
      clipboard: { write: true, read: false, elsewhere: false },
      outsideRenderer: 404,
      imported: 'done',
      library: ['Booted'],
      workDirsAfterImport: []
    })
    expect(report['secretsFile']).not.toContain('enig_boot_secret_key')
    const [first, second] = report['nonces'] as string[]
    expect(first).toMatch(/^[A-Za-z0-9+/=]{20,}$/)
    expect(first).not.toBe(second)
  })

  it('moves a damaged settings file aside, starts with defaults, and says so once', async () => {
    const report = await boot('corrupt-settings', {
      prepare: (dataDir) => writeFile(join(dataDir, 'settings.json'), '{"connections": [{"id": "a", "ki')
    })
    expect(report.problems).toEqual([])
    const notices = report['notices'] as Array<{ message: string; action: string }>
    expect(notices).toHaveLength(1)
    expect(notices[0]?.message).toContain('settings file was damaged')
    expect(notices[0]?.action).toMatch(/kept as .*settings\.unreadable-.*\.json/)
    expect(report['noticesAgain']).toEqual([])
    expect((await readdir(join(root, 'corrupt-settings', 'data'))).filter((name) => name.startsWith('settings.unreadable-'))).toHaveLength(
      1
    )
  })

  it('keeps keys for this session only when Linux has no keyring (basic_text), and writes none', async () => {
    const report = await boot('no-keyring', { storageBackend: 'basic_text' })
    expect(report.problems).toEqual([])
    expect(report).toMatchObject({ appInfo: { keyStorage: 'session' }, added: { name: 'WebRun' }, secretsFileWritten: false })
  })

  it('keeps keys for this session only when the OS offers no encryption at all', async () => {
    const report = await boot('no-encryption', { platform: 'darwin', encryptionAvailable: false })
    expect(report).toMatchObject({ problems: [], appInfo: { keyStorage: 'session', platform: 'darwin' }, secretsFileWritten: false })
  })

  it('on Windows, notifications and taskbar progress belong to the app: its AppUserModelId is set', async () => {
    const report = await boot('windows', { platform: 'win32' })
    expect(report).toMatchObject({
      problems: [],
      userModelId: appId,
      appInfo: { platform: 'win32', keyStorage: 'os-encrypted' },
      webPreferences: secureWindow
    })
  })

  it('asks before a running transfer is cut short, and undoes it when the person agrees', async () => {
    const report = await boot('quit-during-transfer', { messageBoxAnswers: [1, 0], bigProfile: true })
    expect(report.problems).toEqual([])
    expect(report).toMatchObject({
      keptRunning: true,
      questions: [
        { message: 'An upload is running — cancel it and quit?', buttons: ['Cancel it and quit', 'Keep it running'] },
        { message: 'An upload is running — cancel it and quit?' }
      ],
      finalStatus: 'cancelled',
      workDirsAfterQuit: [],
      library: []
    })
  })

  it('on macOS, closing the window keeps the app, and a reopened window shows the running transfer live', async () => {
    const report = await boot('mac-reopen', { platform: 'darwin', bigProfile: true })
    expect(report.problems).toEqual([])
    expect(report).toMatchObject({ quitOnClose: false, listedInReopened: true })
    expect(report['eventsInReopened']).toBeGreaterThan(0)
  })

  it('cannot write its data folder: a native error dialog with the cause, then a clean exit, no window', async () => {
    const report = await boot('unwritable-data', {
      prepare: async (dataDir) => {
        await rm(dataDir, { recursive: true })
        await writeFile(dataDir, 'a file where the data folder should be')
      }
    })
    expect(report.problems).toEqual([])
    expect(report).toMatchObject({ exitCode: 1, windows: 0, errorBox: { title: 'Profile Porter could not start' } })
    expect((report['errorBox'] as { content: string }).content).toMatch(/is not a folder|already exists/)
  })
})
