import { rm } from 'node:fs/promises'
import { PorterError } from '../../../shared/errors'
import { count, noun } from '../../../shared/format'
import { sweepWorkDirs } from '../archive/work-dir'
import { processAlive } from '../browsers/running'
import { keepDataDirPrivate } from '../fs/private-data-dir'
import type { OsFacts } from '../service-facts'
import type { ConnectionsService } from '../settings/connections-service'
import type { Journal, JournalEntry } from '../transfers/journal'
import type { Notices } from './notices'

export interface Recovered {
  workDirs: number
  partFiles: number
  remoteProfiles: number
  /** Half-made profiles that could not be removed now (no key, service unreachable): tried again next start. */
  remaining: number
  /** Entries that could not be trusted (damaged, or naming what this computer did not make): set aside, not acted on. */
  setAside: number
  /** Transfers the last run gave up after an unexpected error. */
  interrupted: number
}

/** Undoes one trusted entry; false when its half-made profile could not be removed yet. */
async function undoEntry(
  entry: JournalEntry,
  deps: { journal: Journal; connections: ConnectionsService; facts: OsFacts },
  recovered: Recovered
) {
  // A check killed mid-session: its session at the service is ended first (it costs until it ends).
  if (entry.checkSessionId !== undefined) {
    const checker = await deps.connections.checkerFor(entry.connectionId, deps.facts.tempRoot).catch(() => undefined)
    await checker?.endSession(entry.checkSessionId).catch(() => undefined)
  }
  if (entry.partFile !== undefined) {
    await Promise.all([entry.partFile, `${entry.partFile}.part`].map((file) => rm(file, { force: true })))
    recovered.partFiles += 1
  }
  if (entry.madeProfileId !== undefined) {
    try {
      await (await deps.connections.serviceFor(entry.connectionId)).delete(entry.madeProfileId)
      recovered.remoteProfiles += 1
    } catch (error) {
      if (!(error instanceof PorterError && error.code === 'not_found')) return false
    }
  }
  await deps.journal.remove(entry.jobId)
  return true
}

function tell(notices: Notices | undefined, recovered: Recovered, asideWhere: string[]): void {
  const { interrupted } = recovered
  const cause =
    interrupted > 0
      ? `Profile Porter stopped after an unexpected problem last time, in the middle of ${interrupted === 1 ? 'a transfer' : `${interrupted} transfers`}; start ${noun(interrupted, 'it', 'them')} again when you are ready.`
      : 'Profile Porter was closed in the middle of a transfer last time.'
  const cleaned = [
    recovered.remoteProfiles > 0 ? `${count(recovered.remoteProfiles, 'half-made profile')} at the service` : '',
    recovered.partFiles > 0 ? count(recovered.partFiles, 'unfinished download') : '',
    recovered.workDirs > 0 ? count(recovered.workDirs, 'temporary folder') : ''
  ].filter(Boolean)
  if (cleaned.length > 0 || recovered.remaining > 0 || interrupted > 0) {
    notices?.push({
      id: 'recovered',
      tone: recovered.remaining > 0 || interrupted > 0 ? 'warning' : 'info',
      message: `${cause}${cleaned.length > 0 ? ` It removed what that left behind: ${cleaned.join(', ')}.` : ''}`,
      ...(recovered.remaining > 0
        ? {
            action: `${count(recovered.remaining, 'half-made profile')} could not be removed yet (the service or its key is not available); this is tried again at the next start.`
          }
        : {})
    })
  }
  if (asideWhere.length > 0) {
    notices?.push({
      id: 'journal-set-aside',
      tone: 'warning',
      message: `${asideWhere.length === 1 ? 'A note' : `${asideWhere.length} notes`} about an interrupted transfer could not be trusted, so nothing was done with ${asideWhere.length === 1 ? 'it' : 'them'}: ${asideWhere.join('; ')}.`,
      action: 'Nothing needs doing; delete the set-aside notes once you have looked at them.'
    })
  }
}

/**
 * At every start (app, bridge, CLI): keeps the data folder private (on Windows, its access list),
 * then undoes what a run that was killed or gave up after an unexpected error left behind. Private work
 * folders go; for each job in the journal whose process is gone — and whose entry proves itself
 * (only a file inside the app's work folder, only a profile this computer recorded making) — the
 * half-made profile is deleted at its service and the unfinished download removed. An entry that
 * is damaged or names anything else is moved aside, said, and never acted on. The person is told
 * once; nothing here stops a command from running.
 */
export async function recoverInterruptedRuns(deps: {
  facts: OsFacts
  journal: Journal
  connections: ConnectionsService
  notices?: Notices
  isAlive?: (pid: number) => boolean
}): Promise<Recovered> {
  const isAlive = deps.isAlive ?? processAlive
  await keepDataDirPrivate(deps.facts.dataDir, deps.facts.platform, deps.notices)
  const recovered: Recovered = {
    workDirs: (await sweepWorkDirs(deps.facts.tempRoot, isAlive).catch(() => [])).length,
    partFiles: 0,
    remoteProfiles: 0,
    remaining: 0,
    setAside: 0,
    interrupted: 0
  }
  const asideWhere: string[] = []
  for (const orphan of await deps.journal.orphans(isAlive).catch(() => [])) {
    try {
      if (orphan.doubt === undefined) {
        if (orphan.entry.interruptedAt !== undefined) recovered.interrupted += 1
        if (!(await undoEntry(orphan.entry, deps, recovered))) recovered.remaining += 1
        continue
      }
      const where = await deps.journal.setAside(orphan.file)
      recovered.setAside += 1
      asideWhere.push(`${orphan.doubt} (moved to ${where})`)
    } catch {
      // An entry that cannot even be moved is left for the next start; this one goes on.
      recovered.remaining += orphan.doubt === undefined ? 1 : 0
    }
  }
  tell(deps.notices, recovered, asideWhere)
  return recovered
}
