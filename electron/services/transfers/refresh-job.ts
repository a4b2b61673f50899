import { PorterError } from '../../../shared/errors'
import type { Profile } from '../../../shared/domain/profile'
import type { Receipt } from '../../../shared/domain/receipt'
import type { TransferJob } from '../../../shared/domain/transfer'
import type { ProfileArchive } from '../archive/create-archive'
import type { DetectedProfile } from '../../../shared/domain/detected-profile'
import type { MadeSoFar } from '../clouds/profile-service'
import { halfMadeLeft, journalled, undo, verifiedBy } from './import-job'
import type { Journal } from './journal'
import { keepReceipt, type ReceiptDeps } from './keep-receipt'
import { packForService, type PackDeps } from './pack-for-service'
import type { JobContext, JobResult, JobSpec } from './transfer-runner'

export interface RefreshDeps extends PackDeps, ReceiptDeps {
  journal?: Journal
  /** The latest receipt of the profile: where it came from and which sites were chosen. */
  origin: Receipt
}

type Replaced = { profile: Profile; replacedProfileId?: string; notes: string[] }

/**
 * A service without an update call (H Company): a new profile with the same name, description and
 * labels, the default flag moved to it, and the old one deleted only once all that is done. Until
 * then a failure removes the new profile and the old one stays exactly as it was.
 */
async function replaceWithNew(
  old: Profile,
  source: DetectedProfile,
  archive: ProfileArchive,
  deps: RefreshDeps,
  context: JobContext,
  job: { connectionId: string; made: MadeSoFar }
): Promise<Replaced> {
  const startedAt = new Date().toISOString()
  const { made } = job
  journalled(made, deps.journal, { jobId: context.jobId, connectionId: job.connectionId, startedAt })
  let created: Profile
  try {
    created = await context.retry(() =>
      deps.service.importArchive(
        archive,
        {
          name: old.name,
          ...(old.description ? { description: old.description } : {}),
          ...(old.labels ? { labels: old.labels } : {}),
          browserFamily: source.family,
          ...(source.browserVersion === undefined ? {} : { browserVersion: source.browserVersion })
        },
        { signal: context.signal, onPhase: context.phase, onProgress: context.progress, made }
      )
    )
    context.phase('finalizing')
    if (old.isDefault === true) created = await context.retry(() => deps.service.setDefault(created.id))
    context.signal.throwIfAborted()
  } catch (error) {
    if (!(await undo(made, deps, context.jobId))) context.leftBehind(halfMadeLeft(deps.serviceLabel))
    throw error
  }
  // From here the new profile is the one: a crash leaves both, never neither.
  await deps.journal?.remove(context.jobId)
  const notes = [
    `${deps.serviceLabel} cannot update a profile in place, so the refreshed copy is a new profile: its id is ${created.id} (it was ${old.id}).`
  ]
  try {
    await context.retry(() => deps.service.delete(old.id))
  } catch (error) {
    if (!(error instanceof PorterError && error.code === 'not_found')) {
      notes.push(
        `The old profile (${old.id}) could not be deleted${error instanceof PorterError ? `: ${error.message}` : ''}. Delete it from the list when ${deps.serviceLabel} answers again.`
      )
    }
  }
  return { profile: created, replacedProfileId: old.id, notes }
}

/**
 * Re-packs a profile from the browser profile it came from, with the same sites and options, and
 * replaces the cloud copy: in place where the service can (same id), as a new profile where not.
 */
export function refreshJob(request: { connectionId: string; profileId: string; requireSignIns?: boolean }, deps: RefreshDeps): JobSpec {
  const { origin } = deps
  // Kept across the job's tries, so a Retry carries on with a new profile an earlier try could not remove.
  const made: MadeSoFar = {}
  return {
    kind: 'refresh',
    title: `${origin.profile.name} ← ${origin.source.browser} (${origin.source.profile})`,
    connectionId: request.connectionId,
    key: `refresh:${request.connectionId}:${request.profileId}`,
    async run(context): Promise<JobResult> {
      // One import of this browser profile at a time on this computer: another process's makes this one stop here.
      const release = await deps.journal?.lockProfile(origin.source.ref, `The browser profile ${origin.source.ref}`)
      try {
        const old = await deps.service.get(request.profileId)
        const { profile: source, archive } = await packForService(
          {
            ref: origin.source.ref,
            choice: origin.choice,
            include: origin.include,
            refresh: { sourceName: `${origin.source.browser} — ${origin.source.profile}` },
            resuming: made.profileId !== undefined,
            ...(request.requireSignIns === true ? { requireSignIns: true } : {})
          },
          deps,
          context
        )
        try {
          const hooks = { signal: context.signal, onPhase: context.phase, onProgress: context.progress }
          const replace = deps.service.replaceArchive
          const replaced: Replaced =
            replace === undefined
              ? await replaceWithNew(old, source, archive, deps, context, { connectionId: request.connectionId, made })
              : { profile: await context.retry(() => replace(old.id, archive, hooks)), notes: [] }
          const receipt = await keepReceipt(deps, {
            kind: 'refresh',
            profile: replaced.profile,
            ...(replaced.replacedProfileId === undefined ? {} : { replacedProfileId: replaced.replacedProfileId }),
            source,
            choice: origin.choice,
            include: origin.include,
            archive
          })
          const notes = [...replaced.notes, ...(receipt.notes ?? [])]
          const verified = verifiedBy(replaced.profile, archive)
          return {
            profileId: replaced.profile.id,
            ...(replaced.replacedProfileId === undefined ? {} : { replacedProfileId: replaced.replacedProfileId }),
            ...(receipt.receiptId === undefined ? {} : { receiptId: receipt.receiptId }),
            ...(notes.length === 0 ? {} : { notes }),
            ...(verified === undefined ? {} : { verified }),
            ...(archive.manifest.portability === undefined
              ? {}
              : { portability: archive.manifest.portability as TransferJob['portability'] })
          }
        } finally {
          await archive.dispose()
        }
      } finally {
        await release?.()
      }
    }
  }
}
