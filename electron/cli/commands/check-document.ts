import type { CloudCheck } from '../../../shared/domain/check'
import { checkSummary } from '../../../shared/domain/check-summary'

/** `porter check --json`: every site with its state and evidence, the session, the read-only proof. No page text beyond the title and the agent's sentence. */
export function checkDocument(check: CloudCheck) {
  const { signedIn, total } = checkSummary(check)
  return {
    checkedAt: check.startedAt,
    status: check.status,
    connection: check.connection,
    profile: check.profile,
    session: {
      ...(check.session.id === undefined ? {} : { id: check.session.id }),
      ended: check.session.ended,
      seconds: check.session.seconds ?? null,
      liveView: check.liveView,
      usage: check.usage ?? {}
    },
    readOnly: check.readOnly ?? null,
    sites: check.sites.map((site) => ({
      site: site.site,
      url: site.url,
      state: site.state ?? 'not_checked',
      signedIn: site.state === 'signed_in',
      finalUrl: site.finalUrl ?? null,
      title: site.title ?? null,
      evidence: site.evidence ?? null,
      serviceRecord: site.serviceRecord ?? null,
      predicted: site.predicted,
      note: site.note ?? null
    })),
    summary: { signedIn, notSignedIn: check.sites.filter((site) => site.state !== undefined && site.state !== 'signed_in').length, total },
    stopped: check.stopped ?? null,
    error: check.error ?? null,
    notes: check.notes
  }
}
