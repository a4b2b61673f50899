import { rm } from 'node:fs/promises'
import { PorterError } from '../../../shared/errors'
import { count } from '../../../shared/format'
import { sweepWorkDirs } from '../archive/work-dir'
import { processAlive } from '../browsers/running'
import type { OsFacts } from '../service-facts'
import type { ConnectionsService } from '../settings/connections-service'
import type { Journal } from '../transfers/journal'
import type { Notices } from './notices'

export interface Recovered {
  workDirs: number
  partFiles: number
  remoteProfiles: number
  /** Half-made profiles that could not be removed now (no key, service unreachable): tried again next start. */
  remaining: number
}

/**
 * At every start (app, bridge, CLI): undoes what a run that was killed left behind. Private work
 * folders go; for each job in the journal whose process is gone, the half-made profile is deleted
 * at its service and the unfinished download removed. The person is told once what was cleaned.
 */
export async function recoverInterruptedRuns(deps: {
  facts: OsFacts
  journal: Journal
  connections: ConnectionsService
  notices?: Notices
  isAlive?: (pid: number) => boolean
}): Promise<Recovered> {
  const isAlive = deps.isAlive ?? processAlive
  const recovered: Recovered = {
    workDirs: (await sweepWorkDirs(deps.facts.tempRoot, isAlive)).length,
    partFiles: 0,
    remoteProfiles: 0,
    remaining: 0
  }
  for (const entry of await deps.journal.orphans(isAlive)) {
    if (entry.partFile !== undefined) {
      await rm(entry.partFile, { force: true })
      recovered.partFiles += 1
    }
    if (entry.madeProfileId !== undefined) {
      try {
        await (await deps.connections.serviceFor(entry.connectionId)).delete(entry.madeProfileId)
        recovered.remoteProfiles += 1
      } catch (error) {
        const gone = error instanceof PorterError && error.code === 'not_found'
        if (!gone) {
          recovered.remaining += 1
          continue
        }
      }
    }
    await deps.journal.remove(entry.jobId)
  }
  const cleaned = [
    recovered.remoteProfiles > 0 ? `${count(recovered.remoteProfiles, 'half-made profile')} at the service` : '',
    recovered.partFiles > 0 ? count(recovered.partFiles, 'unfinished download') : '',
    recovered.workDirs > 0 ? count(recovered.workDirs, 'temporary folder') : ''
  ].filter(Boolean)
  if (cleaned.length > 0 || recovered.remaining > 0) {
    deps.notices?.push({
      id: 'recovered',
      tone: recovered.remaining > 0 ? 'warning' : 'info',
      message: `Profile Porter was closed in the middle of a transfer last time.${cleaned.length > 0 ? ` It removed what that left behind: ${cleaned.join(', ')}.` : ''}`,
      ...(recovered.remaining > 0
        ? {
            action: `${count(recovered.remaining, 'half-made profile')} could not be removed yet (the service or its key is not available); this is tried again at the next start.`
          }
        : {})
    })
  }
  return recovered
}
