import { PorterError } from '../../../shared/errors'
import type { IncludeOptions, SiteChoice } from '../../../shared/domain/sites'
import type { TransferJob } from '../../../shared/domain/transfer'
import type { MadeSoFar, ProfileService } from '../clouds/profile-service'
import type { SuppliedCookies } from '../live/supplied-cookie'
import type { Journal } from './journal'
import { packForService, type PackDeps } from './pack-for-service'
import { keepReceipt, type ReceiptDeps } from './keep-receipt'
import type { JobSpec } from './transfer-runner'

export interface ImportRequest {
  connectionId: string
  ref: string
  name: string
  description?: string
  labels?: Record<string, string>
  choice: SiteChoice
  include?: IncludeOptions
  /** Sign-ins read through the running browser or from a cookie file, for the disk's that cannot move. */
  supplied?: SuppliedCookies
  /** Upload nothing when none of the chosen sites' cookies can be read. */
  requireSignIns?: boolean
}

export interface ImportDeps extends PackDeps, ReceiptDeps {
  /** Written before anything is made at the service, so a crash leaves nothing unaccounted for. */
  journal?: Journal
}

/** Pack a browser profile from this computer and send it to one service; the archive never outlives the job. */
export function importJob(request: ImportRequest, deps: ImportDeps): JobSpec {
  // Kept across the job's tries: a Retry carries on with the profile an earlier try made and could
  // not remove (the service had stopped answering), so it never makes a second one.
  const made: MadeSoFar = {}
  return {
    kind: 'import',
    title: `${request.name} → ${deps.serviceLabel}`,
    connectionId: request.connectionId,
    key: `import:${request.connectionId}:${request.ref}`,
    async run(context) {
      // One import of this browser profile at a time on this computer: another process's makes this one stop here.
      const release = await deps.journal?.lockProfile(request.ref, `The browser profile ${request.ref}`)
      try {
        const startedAt = new Date().toISOString()
        const { profile, archive, existingIds } = await packForService(
          { ...request, resuming: made.profileId !== undefined },
          deps,
          context
        )
        made.existingIds ??= existingIds
        journalled(made, deps.journal, { jobId: context.jobId, connectionId: request.connectionId, startedAt })
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
          const receipt = await keepReceipt(deps, {
            kind: 'import',
            profile: created,
            source: profile,
            choice: request.choice,
            ...(request.include ? { include: request.include } : {}),
            archive
          })
          const verified = verifiedBy(created, archive)
          return {
            profileId: created.id,
            ...receipt,
            ...(verified === undefined ? {} : { verified }),
            ...(archive.manifest.portability === undefined
              ? {}
              : { portability: archive.manifest.portability as TransferJob['portability'] })
          }
        } catch (error) {
          if (!(await undo(made, deps, context.jobId))) context.leftBehind(halfMadeLeft(deps.serviceLabel))
          throw error
        } finally {
          await archive.dispose()
        }
      } finally {
        await release?.()
      }
    }
  }
}

/** Writes what a job has made so far into its journal entry each time it changes, before the job goes on. */
export function journalled(
  made: MadeSoFar,
  journal: Journal | undefined,
  entry: { jobId: string; connectionId: string; startedAt: string }
) {
  made.changed = () =>
    journal?.write({ ...entry, pid: process.pid, ...(made.profileId === undefined ? {} : { madeProfileId: made.profileId }) }) ??
    Promise.resolve()
}

/**
 * A cancelled or failed upload leaves nothing at the service: what it made goes. If that cannot
 * be done now (the service is unreachable), `made` keeps it for a Retry to carry on with, and the
 * journal for the next start to remove.
 */
export async function undo(made: MadeSoFar, deps: { service: ProfileService; journal?: Journal }, jobId: string): Promise<boolean> {
  if (made.profileId !== undefined) {
    try {
      await deps.service.delete(made.profileId)
    } catch (error) {
      if (!(error instanceof PorterError && error.code === 'not_found')) return false
    }
  }
  made.profileId = undefined
  made.completed = false
  made.existingIds = undefined
  await deps.journal?.remove(jobId)
  return true
}

/** Said when undoing could not reach the service: what is still there, and when it goes. */
export function halfMadeLeft(service: string): string {
  return `The half-made profile at ${service} could not be removed yet (${service} did not answer): Retry carries on with it, and otherwise Profile Porter removes it at its next start.`
}

/** What the upload was checked against: the service's SHA-256 of what it stored, or only its size. */
export function verifiedBy(stored: { checksum?: string; sizeBytes?: number }, sent: { sha256: string; sizeBytes: number }) {
  if (stored.checksum === sent.sha256) return 'sha256' as const
  return stored.sizeBytes === sent.sizeBytes ? ('size' as const) : undefined
}
