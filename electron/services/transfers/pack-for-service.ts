import { PorterError } from '../../../shared/errors'
import type { DetectedProfile } from '../../../shared/domain/detected-profile'
import type { IncludeOptions, SiteChoice } from '../../../shared/domain/sites'
import { formatBytes } from '../../../shared/format'
import type { ProfileArchive } from '../archive/create-archive'
import { packInWorker } from '../archive/pack-in-worker'
import { refuseIfRunning } from '../browsers/refuse-if-running'
import type { MakePortable } from '../archive/rewrites'
import type { SuppliedCookies } from '../live/supplied-cookie'
import type { ProfileService } from '../clouds/profile-service'
import type { Platform } from '../os/paths'
import type { PortabilityReport } from '../portability/portability-report'
import { checkAccount } from '../preflight/account-check'
import { refuseTooLarge } from '../preflight/refuse-too-large'
import type { JobContext } from './transfer-runner'

export interface PackDeps {
  service: ProfileService
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

/** Every cookie of the chosen sites stayed behind: said before anything is uploaded, with the reason. */
function signedOut(report: PortabilityReport, browser: string): PorterError {
  const reason =
    report.keyProblem ??
    ((report.notMoved['app-bound'] ?? 0) > 0
      ? `${browser} locks them to itself (app-bound encryption)`
      : 'they could not be decrypted here')
  return new PorterError({
    code: 'signed_out',
    message: `${report.total === 1 ? 'The one cookie of the chosen sites cannot' : `None of the ${report.total} cookies of the chosen sites can`} be read (${reason}), so the profile would arrive signed out everywhere. Nothing was uploaded.`,
    action: `Bring the sign-ins through ${browser} itself or from a cookie file, or import it signed out on purpose.`
  })
}

interface PackRequest {
  ref: string
  choice: SiteChoice
  include?: IncludeOptions
  supplied?: SuppliedCookies
  refresh?: { sourceName: string }
  requireSignIns?: boolean
  /** A Retry carrying on with the profile an earlier try made: it adds none, so a full account is no reason to stop. */
  resuming?: boolean
}

/**
 * The browser profile behind a ref, closed, packed for the service with the sites chosen, while the
 * account is asked whether it takes one more: over a real network that answer is a round trip or
 * more that packing no longer waits for. A refused key or a full account stops the packing and is
 * what is said, as when it was asked first. The caller disposes of the archive.
 */
export async function packForService(
  request: PackRequest,
  deps: PackDeps,
  context: JobContext
): Promise<{ profile: DetectedProfile; archive: ProfileArchive; existingIds: string[] }> {
  context.phase('preparing')
  const addsProfile = request.resuming !== true && (request.refresh === undefined || !deps.service.capabilities.refreshKeepsId)
  const refused = new AbortController()
  const asked = checkAccount(deps.service, deps.serviceLabel, { signal: context.signal, addsProfile })
  asked.catch((error: unknown) => refused.abort(error))
  const [account, packed] = await Promise.allSettled([
    asked,
    packProfile(request, deps, context, AbortSignal.any([context.signal, refused.signal]))
  ])
  if (account.status === 'rejected') {
    if (packed.status === 'fulfilled') await packed.value.archive.dispose()
    // The check belongs to preparing, however far packing had gone meanwhile.
    context.phase('preparing')
    throw account.reason
  }
  if (packed.status === 'rejected') throw packed.reason
  return { ...packed.value, existingIds: account.value.map((existing) => existing.id) }
}

async function packProfile(
  request: PackRequest,
  deps: PackDeps,
  context: JobContext,
  signal: AbortSignal
): Promise<{ profile: DetectedProfile; archive: ProfileArchive }> {
  const profile = (await deps.detect()).find((candidate) => candidate.ref === request.ref)
  if (profile === undefined && request.refresh !== undefined) {
    throw new PorterError({
      code: 'not_found',
      message: `${request.refresh.sourceName}, which this profile came from, is no longer on this computer.`,
      action: 'Update it from the computer it was imported from, or import a browser profile afresh.'
    })
  }
  if (profile === undefined) {
    throw new PorterError({
      code: 'not_found',
      message: 'That browser profile is no longer on this computer.',
      action: 'Choose another profile.'
    })
  }
  refuseIfRunning(profile)
  const cap = deps.service.capabilities.maxArchiveBytes
  // An import was estimated at its review step; an update has none, so it is estimated here.
  if (request.refresh !== undefined) {
    await refuseTooLarge(
      profile,
      { choice: request.choice, ...(request.include ? { include: request.include } : {}), format: deps.service.capabilities.archiveFormat },
      { label: deps.serviceLabel, maxArchiveBytes: cap, then: 'update it again' },
      signal
    )
  }
  const archive = await packInWorker({
    profile,
    format: deps.service.capabilities.archiveFormat,
    tempRoot: deps.tempRoot,
    sourceOs: deps.sourceOs,
    choice: request.choice,
    include: request.include ?? {},
    signal,
    onProgress: (event) => {
      context.phase(event.phase)
      context.progress(event.bytesDone, event.bytesTotal)
    },
    ...(deps.makePortable ? { makePortable: deps.makePortable } : {}),
    ...(request.supplied ? { supplied: request.supplied } : {}),
    // Packing stops the moment the archive outgrows the service, not after it is done.
    ...(cap === undefined ? {} : { limit: { bytes: cap, exceeded: () => tooLarge(cap, deps.serviceLabel) } })
  })
  const report = archive.manifest.portability
  if (request.requireSignIns === true && report !== undefined && report.total > 0 && report.moved === 0) {
    await archive.dispose()
    throw signedOut(report, profile.browserName)
  }
  return { profile, archive }
}
