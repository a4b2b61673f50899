// Loads the BUILT main bundle (out/main/index.js) in plain Node with the stand-in `electron`, drives
// one start-up scenario, and prints what happened as JSON. Run by boot.test.ts, one process each.
'use strict'
const Module = require('node:module')
const { existsSync, readdirSync, readFileSync } = require('node:fs')
const { join } = require('node:path')
const vm = require('node:vm')

const repo = join(__dirname, '..', '..')
const [scenario, configJson] = process.argv.slice(2)
const config = JSON.parse(configJson)
globalThis.__standInConfig = config
if (config.platform !== undefined) Object.defineProperty(process, 'platform', { value: config.platform })
// Where a packaged app finds app-update.yml (written by electron-builder from `publish`).
if (config.resourcesPath !== undefined) process.resourcesPath = config.resourcesPath

// Errors the main-throws scenario raises on purpose are the app's to handle, not the harness's problem.
const deliberate = (error) => String(error?.message ?? error).startsWith('deliberate:')
const problems = []
process.on('unhandledRejection', (error) => deliberate(error) || problems.push(`unhandled rejection: ${error?.stack ?? error}`))
process.on('uncaughtException', (error) => deliberate(error) || problems.push(`uncaught exception: ${error?.stack ?? error}`))

const standInPath = join(__dirname, 'stand-in-electron.cjs')
const resolve = Module._resolveFilename
Module._resolveFilename = function (request, ...rest) {
  return request === 'electron' ? standInPath : resolve.call(this, request, ...rest)
}
const electron = require(standInPath)
const { __standIn: standIn } = electron

const settle = (ms = 50) => new Promise((done) => setTimeout(done, ms))
// Waits for a state, naming it if it never comes; the budget is the case's (120 s), less the start, not a guess at speed.
async function until(check, what, timeoutMs = 90_000) {
  const started = Date.now()
  for (;;) {
    const value = await check()
    if (value) return value
    if (Date.now() - started > timeoutMs) throw new Error(`timed out waiting for ${what}`)
    await settle(25)
  }
}

/** Evaluates the built preload the way a sandboxed renderer does: its `require` knows only `electron`. */
function loadPreload(window) {
  const path = window.options.webPreferences.preload
  const required = []
  const code = require('node:fs').readFileSync(path, 'utf8')
  const module = { exports: {} }
  const sandboxRequire = (name) => {
    required.push(name)
    if (name !== 'electron') throw new Error(`a sandboxed preload cannot require ${name}`)
    return {
      contextBridge: electron.contextBridge,
      ipcRenderer: {
        ...electron.ipcRenderer,
        // The renderer's invoke reaches main's handler with this window as the sender, in its main frame.
        invoke: (channel, input) => {
          const handler = standIn.handlers.get(channel)
          if (handler === undefined) throw new Error(`no handler for ${channel}`)
          return handler({ sender: window.webContents, senderFrame: window.webContents.mainFrame }, input)
        }
      }
    }
  }
  vm.runInNewContext(code, { require: sandboxRequire, module, exports: module.exports, console }, { filename: path })
  // What main sends to this window reaches the listeners the preload registered (once, however often the page loads).
  if (window.webContents.forwards !== true) {
    window.webContents.forwards = true
    const send = window.webContents.send.bind(window.webContents)
    window.webContents.send = (channel, payload) => {
      send(channel, payload)
      for (const listener of standIn.rendererListeners.get(channel) ?? []) listener({}, payload)
    }
  }
  return { required, porter: standIn.exposed.porter }
}

async function call(porter, channel, input) {
  const [namespace, member] = channel.split(':')
  const result = await porter[namespace][member](input)
  if (!result.ok) throw new Error(`${channel} failed: ${JSON.stringify(result.error)}`)
  return result.value
}

async function importIntoLibrary(porter, name) {
  const updates = []
  porter.transfers.onUpdated((job) => updates.push(job))
  const job = await call(porter, 'transfers:startImport', {
    connectionId: 'local',
    ref: 'chrome:Default',
    name,
    choice: { mode: 'everything' }
  })
  return { job, updates }
}

const workDirs = () => readdirSync(config.paths.temp).filter((name) => name.startsWith('porter-work-'))
const logText = () => (existsSync(join(config.paths.logs, 'main.log')) ? readFileSync(join(config.paths.logs, 'main.log'), 'utf8') : '')
const logLines = (pattern) =>
  logText()
    .split('\n')
    .filter((line) => pattern.test(line))
const dialogs = () => standIn.log.filter((entry) => entry.what === 'dialog.showMessageBox' || entry.what === 'dialog.showErrorBox')
const sentTo = (window, channel) => window.webContents.sent.filter((sent) => sent.channel === channel).map((sent) => sent.payload)
const ended = (window, jobId) => sentTo(window, 'transfers:updated').some((job) => job.id === jobId && job.status !== 'running')
const listing = (dir) => (existsSync(dir) ? readdirSync(dir).sort() : [])
const { loadedScenarios } = require('./scenarios-daily.cjs')

async function main() {
  const report = { scenario, problems }
  require(join(repo, 'out/main/index.js'))
  report.schemes = standIn.privilegedSchemes.map((scheme) => scheme.scheme)
  report.schemesBeforeReady = standIn.log.find((entry) => entry.what === 'protocol.registerSchemesAsPrivileged')?.detail.beforeReady
  standIn.becomeReady()
  await settle(100)

  if (scenario === 'unwritable-data') {
    await until(() => standIn.log.some((entry) => entry.what === 'app.exit'), 'the app to exit')
    report.errorBox = standIn.log.find((entry) => entry.what === 'dialog.showErrorBox')?.detail
    report.exitCode = electron.app.exitCode
    report.windows = standIn.windows.length
    return report
  }

  // Start-up takes as long as it takes (loading the updater, a busy machine): wait for the window itself.
  const window = await until(() => standIn.windows[0], 'the window')
  await until(() => window.shown, 'the window to show')
  report.userModelId = standIn.log.find((entry) => entry.what === 'app.setAppUserModelId')?.detail
  report.webPreferences = { ...window.options.webPreferences, preloadExists: existsSync(window.options.webPreferences.preload) }
  report.iconExists = existsSync(window.options.icon)
  report.loadedUrl = window.webContents.url
  report.minimumSize = [window.options.minWidth, window.options.minHeight]

  // The page itself, as app:// serves it: a fresh CSP nonce on each load.
  const serve = standIn.protocolHandlers.get('app')
  const pages = await Promise.all([1, 2].map(async () => (await serve(new Request('app://porter/index.html'))).text()))
  report.nonces = pages.map((html) => /<meta property="csp-nonce" nonce="([^"]+)"/.exec(html)?.[1])
  report.outsideRenderer = (await serve(new Request('app://porter/../../package.json'))).status
  report.clipboard = {
    write: await new Promise((done) =>
      standIn.permissions.request({}, 'clipboard-sanitized-write', done, { requestingUrl: 'app://porter/index.html' })
    ),
    read: await new Promise((done) =>
      standIn.permissions.request({}, 'clipboard-read', done, { requestingUrl: 'app://porter/index.html' })
    ),
    elsewhere: await new Promise((done) =>
      standIn.permissions.request({}, 'clipboard-sanitized-write', done, { requestingUrl: 'https://example.com/' })
    )
  }

  const { required, porter } = loadPreload(window)
  report.preloadRequires = [...new Set(required)]
  report.porterNamespaces = Object.keys(porter).sort()
  report.appInfo = await call(porter, 'app:getInfo')
  report.notices = await call(porter, 'app:takeNotices')
  report.noticesAgain = await call(porter, 'app:takeNotices')

  const added = await call(porter, 'connections:add', {
    kind: 'webrun',
    name: 'WebRun',
    baseUrl: 'https://connect.webrun.ai',
    apiKey: 'enig_boot_secret_key'
  })
  report.added = added
  report.secretsFileWritten = existsSync(join(config.paths.userData, 'secrets.json'))
  report.secretsFile = report.secretsFileWritten ? require('node:fs').readFileSync(join(config.paths.userData, 'secrets.json'), 'utf8') : ''
  await call(porter, 'connections:remove', { id: added.id })
  report.connectionsAfterRemove = (await call(porter, 'connections:list')).map((connection) => connection.name)
  report.detected = (await call(porter, 'browsers:detect')).map((profile) => profile.ref)

  // A link in the page (where to create an API key) opens in the person's own browser; nothing else opens, and nothing opens in the app.
  report.windowOpen = ['https://platform.eu.hcompany.ai/settings/api-keys', 'http://example.com/', 'file:///etc/passwd'].map(
    (url) => window.webContents.windowOpenHandler({ url }).action
  )
  report.openedExternally = standIn.log.filter((entry) => entry.what === 'shell.openExternal').map((entry) => entry.detail)

  electron.app.emit('second-instance', {}, [], '')
  report.focusedOnSecondInstance = standIn.log.some((entry) => entry.what === 'window.focus')

  if (scenario === 'normal') {
    const { job, updates } = await importIntoLibrary(porter, 'Booted')
    await until(() => updates.some((update) => update.id === job.id && update.status !== 'running'), 'the import to end')
    report.imported = updates.at(-1).status
    report.library = (await call(porter, 'profiles:list', { connectionId: 'local' })).profiles.map((profile) => profile.name)
    report.workDirsAfterImport = workDirs()
  }

  if (scenario === 'quit-during-transfer') {
    // "Keep it running" first: nothing stops. Then "Cancel it and quit": the job is undone, then the app quits.
    const { job, updates } = await importIntoLibrary(porter, 'Interrupted')
    await until(() => updates.some((update) => update.phase === 'archiving' || update.phase === 'preparing'), 'the import to start')
    electron.app.quit()
    await until(() => standIn.log.filter((entry) => entry.what === 'dialog.showMessageBox').length === 1, 'the first question')
    await settle(50)
    report.keptRunning = !standIn.log.some((entry) => entry.what === 'app.quit:went-ahead') && updates.at(-1).status === 'running'
    window.close()
    await until(() => standIn.log.filter((entry) => entry.what === 'dialog.showMessageBox').length === 2, 'the second question')
    await until(() => standIn.log.some((entry) => entry.what === 'app.quit:went-ahead'), 'the quit to go ahead')
    report.questions = standIn.log.filter((entry) => entry.what === 'dialog.showMessageBox').map((entry) => entry.detail)
    report.finalStatus = updates.filter((update) => update.id === job.id).at(-1).status
    report.workDirsAfterQuit = workDirs()
    const library = join(config.paths.userData, 'library')
    report.library = existsSync(library)
      ? readdirSync(library, { withFileTypes: true })
          .filter((entry) => entry.isDirectory())
          .map((entry) => entry.name)
      : []
  }

  const daily = loadedScenarios[scenario]
  if (daily !== undefined) {
    await daily({
      report,
      window,
      porter,
      electron,
      standIn,
      config,
      until,
      settle,
      call,
      importIntoLibrary,
      loadPreload,
      logText,
      logLines,
      dialogs,
      sentTo,
      ended,
      listing
    })
  }

  if (scenario === 'mac-reopen') {
    const { job } = await importIntoLibrary(porter, 'Across windows')
    window.close()
    report.quitOnClose = standIn.log.some((entry) => entry.what === 'app.quit')
    electron.app.emit('activate')
    const reopened = standIn.windows[1]
    await until(() => reopened?.shown, 'the reopened window')
    const second = loadPreload(reopened)
    report.listedInReopened = (await call(second.porter, 'transfers:list')).map((listed) => listed.id).includes(job.id)
    await until(
      () =>
        reopened.webContents.sent.some(
          (sent) => sent.channel === 'transfers:updated' && sent.payload.id === job.id && sent.payload.status !== 'running'
        ),
      'the end of the job in the new window'
    )
    report.eventsInReopened = reopened.webContents.sent.filter((sent) => sent.payload.id === job.id).length
  }
  return report
}

main().then(
  (report) => {
    process.stdout.write(`${JSON.stringify(report)}\n`)
    process.exit(0)
  },
  (error) => {
    process.stdout.write(`${JSON.stringify({ scenario, problems: [...problems, `harness: ${error?.stack ?? error}`] })}\n`)
    process.exit(1)
  }
)
