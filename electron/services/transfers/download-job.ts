import { discardPartial } from '../clouds/http/download-file'
import type { ProfileService } from '../clouds/profile-service'
import type { Journal } from './journal'
import type { JobSpec } from './transfer-runner'

/** Save a service's profile archive to a file the person chose; a cancelled download leaves no part behind. */
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
      await deps.journal?.write({
        jobId: context.jobId,
        pid: process.pid,
        connectionId: request.connectionId,
        startedAt: new Date().toISOString(),
        partFile: `${request.targetFile}.part`
      })
      try {
        await context.retry(() =>
          deps.service.download(request.profileId, request.targetFile, { signal: context.signal, onProgress: context.progress })
        )
      } catch (error) {
        // Given up or cancelled: the part was only worth keeping for the next try of this job.
        await discardPartial(request.targetFile)
        throw error
      } finally {
        await deps.journal?.remove(context.jobId)
      }
      return { profileId: request.profileId, targetFile: request.targetFile }
    }
  }
}
