// The scenarios of the app in daily use (updates, the log, the report, errors in main, a crashed
// page, a late subscriber), run by run-scenario.cjs after the common start: window shown, preload
// loaded, a connection added and removed, browsers detected.
'use strict'
const { existsSync, readFileSync, readdirSync, statSync } = require('node:fs')
const { join } = require('node:path')

const updateLines = (logLines) => logLines(/update/i)

/** Waits for the update state the window sees to reach `status`, and returns the states it saw. */
async function watchUpdates(porter, until, status) {
  const states = []
  porter.app.onUpdateChanged((state) => states.push(state))
  await until(() => states.some((state) => state.status === status), `the update to be ${status}`, 30_000)
  return states
}

async function startBigImport({ porter, until, importIntoLibrary }, name) {
  const started = await importIntoLibrary(porter, name)
  await until(() => started.updates.some((update) => update.phase === 'archiving' || update.phase === 'uploading'), 'the import to run')
  return started
}

const loadedScenarios = {
  /** The log, the Help menu and the report for IT, as a person uses them. */
  async 'daily-normal'({ report, window, porter, standIn, config, until, call, importIntoLibrary, logText, sentTo }) {
    const { job, updates } = await importIntoLibrary(porter, 'Logged')
    await until(() => updates.some((update) => update.id === job.id && update.status === 'done'), 'the import to end')
    report.updateState = await call(porter, 'app:getUpdateState')
    standIn.clickMenuItem('Open the log folder')
    standIn.clickMenuItem('Save a report for IT…')
    await until(() => standIn.log.some((entry) => entry.what === 'shell.openPath'), 'the log folder to open')
    report.openedFolder = standIn.log.find((entry) => entry.what === 'shell.openPath').detail
    report.commands = sentTo(window, 'app:command')
    const preview = await call(porter, 'app:previewReport')
    report.previewFiles = preview.files.map((file) => file.name)
    report.preview = preview.files
    report.savedReport = await call(porter, 'app:saveReport', { id: preview.id })
    report.log = logText()
    report.logMode = (statSync(join(config.paths.logs, 'main.log')).mode & 0o777).toString(8)
    // The size it opened at (left there last time), and the size kept when it closes.
    report.openedAt = {
      width: window.options.width,
      height: window.options.height,
      maximized: standIn.log.some((entry) => entry.what === 'window.maximize')
    }
    window.close()
    report.preferencesAfterClose = JSON.parse(readFileSync(join(config.paths.userData, 'settings.json'), 'utf8')).preferences
  },

  /** A transfer started and finished before the window listens is seen finished when it does. */
  async 'late-subscriber'({ report, window, porter, until, call, ended }) {
    const job = await call(porter, 'transfers:startImport', {
      connectionId: 'local',
      ref: 'chrome:Default',
      name: 'Early',
      choice: { mode: 'everything' }
    })
    await until(() => ended(window, job.id), 'the import to end before anyone listens')
    const seen = []
    porter.transfers.onUpdated((update) => seen.push(update))
    await until(() => seen.length > 0, 'the first state the listener is given')
    report.firstSeen = seen[0]
  },

  /** The page crashes mid-transfer: it is reloaded, the transfer carries on, the new page sees it end. */
  async 'page-gone'({ report, window, porter, standIn, until, importIntoLibrary, loadPreload, logLines }) {
    const { job } = await startBigImport({ porter, until, importIntoLibrary }, 'Through a crash')
    window.webContents.emit('render-process-gone', {}, { reason: 'crashed', exitCode: 133 })
    report.reloaded = standIn.log.some((entry) => entry.what === 'webContents.reload')
    standIn.rendererListeners.clear()
    const reloaded = loadPreload(window)
    const seen = []
    reloaded.porter.transfers.onUpdated((update) => update.id === job.id && seen.push(update.status))
    await until(() => seen.some((status) => status !== 'running'), 'the transfer to end in the reloaded page')
    report.seenAfterReload = seen.at(-1)
    report.goneLines = logLines(/page stopped/)
  },

  /** An error nobody caught, thrown inside main during a transfer, then a rejection nobody handled. */
  async 'main-throws'({ report, porter, electron, standIn, config, until, importIntoLibrary, logText, dialogs, listing }) {
    const journal = join(config.paths.userData, 'journal')
    // The journal as it is when the dialog appears: written before the person is asked anything.
    standIn.onMessageBox = () => {
      report.journal ??= listing(journal).map((name) => JSON.parse(readFileSync(join(journal, name), 'utf8')))
    }
    const { job } = await importIntoLibrary(porter, 'Interrupted by a bug')
    report.jobId = job.id
    setImmediate(() => {
      throw new Error('deliberate: boom near hk-boot-secret-0123456789 and https://s3.example.com/b?X-Amz-Signature=deadbeefcafe')
    })
    await until(() => dialogs().length > 0, 'the error dialog')
    void Promise.reject(new Error('deliberate: a rejection nobody handled'))
    // Waited for as an event, not assumed done by the time the person has answered the dialog.
    await until(() => logText().includes('Unexpected promise rejection'), 'the rejection in the log')
    await until(() => standIn.log.some((entry) => entry.what === 'app.exit'), 'the restart')
    report.dialogs = dialogs().map((entry) => entry.detail)
    report.relaunched = standIn.log.some((entry) => entry.what === 'app.relaunch')
    report.exitCode = electron.app.exitCode
    report.log = logText()
    report.downloads = existsSync(config.paths.downloads) ? readdirSync(config.paths.downloads) : []
    report.shownInFolder = standIn.log.filter((entry) => entry.what === 'shell.showItemInFolder').map((entry) => entry.detail)
  },

  /** The next start after that: what the interrupted transfer made is undone, and the person told. */
  async 'after-crash'({ report, porter, call }) {
    report.noticesAfterCrash = report.notices
    report.libraryAfterCrash = (await call(porter, 'profiles:list', { connectionId: 'local' })).profiles.map((profile) => profile.name)
  },

  /** A newer version on the loopback feed: found, downloaded, verified, installed at the quit after the transfer. */
  async 'update-ready'({ report, porter, electron, standIn, config, until, importIntoLibrary, dialogs, logLines, listing }) {
    const appDir = join(config.paths.home, 'apps')
    const states = await watchUpdates(porter, until, 'ready')
    report.states = states.map((state) => state.status)
    report.ready = states.at(-1)
    report.pending = listing(join(config.paths.home, '.cache', 'profile-porter-updater', 'pending'))
    standIn.clickMenuItem('Check for updates…')
    await until(() => dialogs().length === 1, 'the answer to Check for updates')
    report.checkAnswer = dialogs()[0].detail
    const { job, updates } = await startBigImport({ porter, until, importIntoLibrary }, 'During an update')
    report.restartWhileRunning = await porter.app.restartToUpdate()
    electron.app.quit()
    await until(() => dialogs().length === 2, 'the question before quitting')
    report.quitQuestion = dialogs()[1].detail
    report.appsWhileRunning = listing(appDir)
    await until(() => updates.some((update) => update.id === job.id && update.status === 'done'), 'the import to end')
    electron.app.quit()
    await until(() => existsSync(join(appDir, 'installed.txt')), 'the update to install')
    report.installed = readFileSync(join(appDir, 'installed.txt'), 'utf8')
    report.appsAfter = listing(appDir)
    report.updateLines = updateLines(logLines)
  },

  /** The artifact does not match the sha512 the feed publishes: thrown away, said, nothing installed. */
  async 'update-tampered'({ report, porter, electron, config, until, dialogs, logLines, listing }) {
    const states = await watchUpdates(porter, until, 'failed')
    report.failed = states.at(-1)
    report.pending = listing(join(config.paths.home, '.cache', 'profile-porter-updater', 'pending'))
    electron.app.quit()
    report.appsAfter = listing(join(config.paths.home, 'apps'))
    report.dialogs = dialogs().length
    report.updateLines = updateLines(logLines)
  },

  /** No feed answers: one quiet log line, no dialog, nothing the window has to show. */
  async 'update-unreachable'({ report, porter, call, until, dialogs, logLines }) {
    await until(() => logLines(/Update check/).length > 0, 'the check to give up', 30_000)
    report.state = await call(porter, 'app:getUpdateState')
    report.dialogs = dialogs().length
    report.updateLines = updateLines(logLines)
    report.errorLines = logLines(/\[error\]/)
  }
}

/** IT turned updates off (policy file or environment): nothing asked of any feed. */
async function updatesOff({ report, porter, standIn, call }) {
  report.state = await call(porter, 'app:getUpdateState')
  report.requests = standIn.log.filter((entry) => entry.what === 'net.request').length
}
loadedScenarios['updates-off-env'] = updatesOff
loadedScenarios['updates-off-policy'] = updatesOff

module.exports = { loadedScenarios }
