import type { CheckedSite, CloudCheck } from '../../../shared/domain/check'
import { PorterError, isCancellation } from '../../../shared/errors'
import { explainUnexpected } from '../app/unexpected-error'
import type { Journal } from '../transfers/journal'
import type { CloudChecker, KeptUnchanged, SessionOutcome, SiteResult } from './cloud-checker'
import { siteNote } from './messages'
import type { SiteToCheck } from './site-address'

export interface CheckContext {
  check: CloudCheck
  checker: CloudChecker
  sites: SiteToCheck[]
  signal: AbortSignal
  journal: Journal
  limits: { timeoutMs: number; stallMs: number }
  now(): number
  /** Every change goes to the window (and the CLI) at once. */
  update(changes: Partial<CloudCheck>): void
  liveView(url: string): void
}

const normal = (url: string) => (URL.canParse(url) ? new URL(url).href : url)
const hostOf = (url: string) => (URL.canParse(url) ? new URL(url).hostname : url)

function withResult(sites: CheckedSite[], result: SiteResult): CheckedSite[] {
  const index = sites.findIndex((site) => normal(site.url) === normal(result.url))
  const at = index >= 0 ? index : sites.findIndex((site) => site.state === undefined)
  return sites.map((site, i) => {
    if (i !== at) return site
    const note = siteNote(site.url, result.state, site.predicted)
    const { url: _url, ...seen } = result
    return { ...site, ...seen, progress: 'done' as const, ...(note === undefined ? {} : { note }) }
  })
}

/** Sites the session never reported: not checked when it ended early, otherwise the agent could not tell. */
function unreported(sites: CheckedSite[], stoppedEarly: boolean): CheckedSite[] {
  return sites.map((site) => {
    if (site.state !== undefined) return site
    const state = stoppedEarly ? ('not_checked' as const) : ('unknown' as const)
    const note = siteNote(site.url, state, site.predicted)
    return { ...site, progress: 'done' as const, state, ...(note === undefined ? {} : { note }) }
  })
}

function failure(error: unknown): PorterError {
  if (error instanceof PorterError) return error
  return new PorterError(explainUnexpected(error, (message, cause) => console.error(message, cause)))
}

function endNotes(check: CloudCheck, outcome: SessionOutcome | undefined, limits: CheckContext['limits']): string[] {
  const notes: string[] = []
  const checked = check.sites.filter((site) => site.state !== 'not_checked').length
  if (outcome?.stopped === 'timeout')
    notes.push(
      `The check ran out of time after ${Math.round(limits.timeoutMs / 60_000) || 1} min or stopped making progress: ${checked} of ${check.sites.length} sites were checked, and the session was ended.`
    )
  if (outcome?.stopped === 'cancelled') notes.push('Check stopped. The cloud session was ended.')
  if (outcome !== undefined && outcome.sessionId !== undefined && !outcome.ended)
    notes.push(
      'Porter could not confirm that the cloud session ended. It tries again at the next start; you can also stop it at the service.'
    )
  return notes
}

/**
 * One check from start to end: keep the profile as it is, run the one session (ended whatever
 * happens), put each site's answer on its line, then prove the profile unchanged. Nothing here
 * throws: how it ended is in the check.
 */
export async function runCheck(context: CheckContext): Promise<void> {
  const { checker, check, journal } = context
  const write = (entry: { madeProfileId?: string; checkSessionId?: string }) =>
    journal.write({ jobId: check.id, pid: process.pid, connectionId: check.connection.id, startedAt: check.startedAt, ...entry })
  let kept: KeptUnchanged | undefined
  let outcome: SessionOutcome | undefined
  let error: PorterError | undefined
  try {
    context.update({ phase: 'Preparing: making sure the check leaves your profile as it is…' })
    kept = await checker.keepUnchanged(check.profile.id, context.signal)
    const made = kept.madeProfileId === undefined ? {} : { madeProfileId: kept.madeProfileId }
    await write(made)
    context.update({
      readOnly: { strategy: kept.strategy, explanation: kept.explanation, before: kept.before },
      phase: 'Starting the cloud browser…'
    })
    outcome = await checker.runSession(kept.sessionProfileId, context.sites, {
      signal: context.signal,
      deadline: context.now() + context.limits.timeoutMs,
      stallMs: context.limits.stallMs,
      now: context.now,
      started: async (session) => {
        await write({ ...made, checkSessionId: session.id })
        if (session.liveViewUrl !== undefined) context.liveView(session.liveViewUrl)
        context.update({ session: { id: session.id, ended: false } })
      },
      liveView: context.liveView,
      opening: (url) => {
        context.update({
          phase: `Opening ${hostOf(url)}…`,
          sites: check.sites.map((site) =>
            normal(site.url) === normal(url) && site.state === undefined ? { ...site, progress: 'opening' as const } : site
          )
        })
      },
      result: (result) => context.update({ sites: withResult(check.sites, result) })
    })
    error = outcome.error
    context.update({
      sites: unreported(check.sites, outcome.stopped !== undefined || outcome.error !== undefined),
      session: {
        ...(outcome.sessionId === undefined ? {} : { id: outcome.sessionId }),
        ended: outcome.ended,
        ...(outcome.seconds === undefined ? {} : { seconds: outcome.seconds })
      },
      usage: outcome.usage,
      ...(outcome.stopped === undefined ? {} : { stopped: outcome.stopped }),
      phase: 'Comparing your profile with how it was…'
    })
    const proof = await kept.finish()
    const notes = [...(proof.note === undefined ? [] : [proof.note])]
    if (proof.unchanged === false)
      notes.push(
        `${checker.serviceName} changed the stored profile during the check: it no longer matches your upload. Update the profile from this computer to send your upload again.`
      )
    context.update({
      readOnly: {
        ...check.readOnly!,
        ...(proof.after === undefined ? {} : { after: proof.after }),
        ...(proof.unchanged === undefined ? {} : { unchanged: proof.unchanged }),
        ...(proof.restored === undefined ? {} : { restored: proof.restored })
      },
      notes: [...check.notes, ...notes]
    })
  } catch (thrown) {
    if (outcome === undefined) await kept?.discard().catch(() => undefined)
    if (isCancellation(thrown) || context.signal.aborted) outcome = { ended: true, usage: {}, stopped: 'cancelled' }
    else error = failure(thrown)
    context.update({ sites: unreported(check.sites, true) })
  }
  const cancelled = outcome?.stopped === 'cancelled'
  const notes = [...check.notes, ...endNotes(check, outcome, context.limits)]
  context.update({
    status: cancelled ? 'cancelled' : error !== undefined ? 'failed' : 'done',
    phase: cancelled ? 'Stopped' : error !== undefined ? 'Could not finish' : 'Done',
    notes,
    finishedAt: new Date(context.now()).toISOString(),
    ...(error === undefined ? {} : { error: error.toData() })
  })
  // A session not known to be over stays in the journal: the next start ends it.
  if (outcome?.sessionId === undefined || outcome.ended) await journal.remove(check.id)
}
