import { mkdir, rm } from 'node:fs/promises'
import { join } from 'node:path'
import { discardPartial } from '../clouds/http/download-file'
import type { ProfileService } from '../clouds/profile-service'
import type { Journal } from './journal'
import { moveIntoPlace } from './move-into-place'
import type { JobSpec } from './transfer-runner'

/**
 * Save a service's profile archive to a file the person chose. With a journal, the download is
 * written in the app's own work folder (the only place a journal entry may name) and moved into
 * place when whole; a cancelled or failed download leaves no part behind.
 */
export function downloadJob(
  request: { connectionId: string; profileId: string; profileName: string; targetFile: string },
  deps: { service: ProfileService; journal?: Journal }
): JobSpec {
  return {
    kind: 'download',
    title: `${request.profileName} → ${request.targetFile.split(/[\\/]/).pop() ?? request.targetFile}`,
    connectionId: request.connectionId,
    key: `download:${request.connectionId}:${request.profileId}`,
    async run(context) {
      context.phase('downloading')
      const journal = deps.journal
      const working = journal === undefined ? request.targetFile : join(journal.workDir, `${context.jobId}.download`)
      if (journal !== undefined) {
        await mkdir(journal.workDir, { recursive: true, mode: 0o700 })
        await journal.write({
          jobId: context.jobId,
          pid: process.pid,
          connectionId: request.connectionId,
          startedAt: new Date().toISOString(),
          partFile: working
        })
      }
      try {
        await context.retry(() =>
          deps.service.download(request.profileId, working, { signal: context.signal, onProgress: context.progress })
        )
        if (working !== request.targetFile) await moveIntoPlace(working, request.targetFile)
      } catch (error) {
        // Given up or cancelled: the part was only worth keeping for the next try of this job.
        await discardPartial(working)
        if (working !== request.targetFile) await rm(working, { force: true })
        throw error
      } finally {
        await journal?.remove(context.jobId)
      }
      return { profileId: request.profileId, targetFile: request.targetFile }
    }
  }
}
