import { app, dialog, shell } from 'electron'
import { count } from '../../shared/format'
import type { PorterServices } from '../services/api/porter-services'
import type { Log } from '../services/logging/logger'

/**
 * An error no code path caught, in main: written to the log, the running transfers written down
 * as interrupted (the next start undoes what they made and says so), and one plain dialog whose
 * ways on are a restart, after saving a report if the person wants one, or quitting — so an error
 * that comes back at every start never traps anyone in a loop of restarts.
 */
export function handleFatalErrors(log: Log, services: () => PorterServices | undefined): void {
  let shown = false

  async function fail(kind: string, error: unknown): Promise<void> {
    log.error(`Unexpected ${kind} in the main process:`, error)
    const current = services()
    const running = current?.transfers.list().filter((job) => job.status === 'running') ?? []
    try {
      await current?.journal.markInterrupted(
        running.map((job) => ({ jobId: job.id, connectionId: job.connectionId, startedAt: job.startedAt })),
        new Date().toISOString()
      )
      if (running.length > 0) log.warn(`${count(running.length, 'running transfer')} written down as interrupted.`)
    } catch (journalError) {
      log.error('The interrupted transfers could not be written down:', journalError)
    }
    if (shown) return
    shown = true
    for (;;) {
      const { response } = await dialog.showMessageBox({
        type: 'error',
        title: 'Profile Porter',
        message: 'Profile Porter ran into a problem it did not expect and needs to restart.',
        detail:
          'Transfers that were running are undone when it starts again, and you can start them again then. ' +
          'A report for IT holds the log, versions and what happened, without keys or profile data.',
        buttons: ['Restart', 'Save a report', 'Quit'],
        defaultId: 0,
        cancelId: 2,
        noLink: true
      })
      if (response === 2) return app.exit(1)
      if (response !== 1 || current === undefined) break
      try {
        const saved = await current.report.saveNow()
        if (saved !== null) shell.showItemInFolder(saved)
      } catch (saveError) {
        log.error('The report could not be saved:', saveError)
      }
    }
    app.relaunch()
    app.exit(0)
  }

  process.on('uncaughtException', (error) => void fail('error', error))
  process.on('unhandledRejection', (reason) => void fail('promise rejection', reason))
}
