import { PorterError } from '../../../shared/errors'
import type { DetectedProfile } from '../../../shared/domain/detected-profile'
import { formatBytes } from '../../../shared/format'
import { createProfileArchive } from '../archive/create-archive'
import type { MakePortable } from '../archive/rewrites'
import type { Platform } from '../os/paths'
import type { MadeSoFar, ProfileService } from '../clouds/profile-service'
import type { Journal } from './journal'
import type { TransferJob } from '../../../shared/domain/transfer'
import type { JobSpec } from './transfer-runner'

export interface ImportRequest {
  connectionId: string
  ref: string
  name: string
  description?: string
  labels?: Record<string, string>
  includePasswords?: boolean
}

export interface ImportDeps {
  service: ProfileService
  /** Written before anything is made at the service, so a crash leaves nothing unaccounted for. */
  journal?: Journal
  serviceLabel: string
  detect(): Promise<DetectedProfile[]>
  tempRoot: string
  sourceOs: Platform
  /** Makes cookies readable by the cloud's browser, on copies in the work folder (portability). */
  makePortable?: MakePortable
}

function tooLarge(cap: number, service: string): PorterError {
  return new PorterError({
    code: 'too_large',
    message: `The packed profile grew past the ${formatBytes(cap)} that ${service} accepts, so packing stopped.`,
    action: 'Clear large site data in the browser (Settings → Privacy → Delete browsing data → Cookies and site data), then try again.'
  })
}

/** Pack a browser profile from this computer and send it to one service; the archive never outlives the job. */
export function importJob(request: ImportRequest, deps: ImportDeps): JobSpec {
  return {
    kind: 'import',
    title: `${request.name} → ${deps.serviceLabel}`,
    connectionId: request.connectionId,
    key: `import:${request.connectionId}:${request.ref}`,
    async run(context) {
      const startedAt = new Date().toISOString()
      context.phase('preparing')
      const profile = (await deps.detect()).find((candidate) => candidate.ref === request.ref)
      if (profile === undefined) {
        throw new PorterError({ code: 'not_found', message: 'That browser profile is no longer on this computer.', action: 'Choose another profile.' })
      }
      if (profile.running === 'running' || profile.running === 'elsewhere') {
        throw new PorterError({ code: 'browser_running', message: `${profile.browserName} is running.`, action: `Quit ${profile.browserName} completely — also from the tray — then click Retry.` })
      }
      const cap = deps.service.capabilities.maxArchiveBytes
      const archive = await createProfileArchive({
        profile,
        format: deps.service.capabilities.archiveFormat,
        tempRoot: deps.tempRoot,
        sourceOs: deps.sourceOs,
        includePasswords: request.includePasswords === true,
        signal: context.signal,
        onProgress: (event) => {
          context.phase(event.phase)
          context.progress(event.bytesDone, event.bytesTotal)
        },
        ...(deps.makePortable ? { makePortable: deps.makePortable } : {}),
        // Packing stops the moment the archive outgrows the service, not after it is done.
        ...(cap === undefined ? {} : { limit: { bytes: cap, exceeded: () => tooLarge(cap, deps.serviceLabel) } })
      })
      const made: MadeSoFar = {
        changed: () => deps.journal?.write({ jobId: context.jobId, pid: process.pid, connectionId: request.connectionId, startedAt, ...(made.profileId === undefined ? {} : { madeProfileId: made.profileId }) }) ?? Promise.resolve()
      }
      try {
        const created = await context.retry(() =>
          deps.service.importArchive(
            archive,
            {
              name: request.name,
              ...(request.description === undefined ? {} : { description: request.description }),
              ...(request.labels === undefined ? {} : { labels: request.labels }),
              browserFamily: profile.family,
              ...(profile.browserVersion === undefined ? {} : { browserVersion: profile.browserVersion })
            },
            { signal: context.signal, onPhase: context.phase, onProgress: context.progress, made }
          )
        )
        // A cancel that lands once the service has the profile still undoes it.
        context.signal.throwIfAborted()
        await deps.journal?.remove(context.jobId)
        return { profileId: created.id, ...(archive.manifest.portability === undefined ? {} : { portability: archive.manifest.portability as TransferJob['portability'] }) }
      } catch (error) {
        await undo(made, deps, context.jobId)
        throw error
      } finally {
        await archive.dispose()
      }
    }
  }
}

/**
 * A cancelled or failed import leaves nothing at the service: what it made goes. If that cannot
 * be done now (the service is unreachable), the journal keeps it for the next start to finish.
 */
async function undo(made: MadeSoFar, deps: ImportDeps, jobId: string): Promise<void> {
  if (made.profileId !== undefined) {
    try {
      await deps.service.delete(made.profileId)
    } catch (error) {
      if (!(error instanceof PorterError && error.code === 'not_found')) return
    }
  }
  await deps.journal?.remove(jobId)
}
