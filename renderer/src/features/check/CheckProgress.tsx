import { useMutation } from '@tanstack/react-query'
import { Eye, Square } from 'lucide-react'
import type { CloudCheck } from '../../../../shared/domain/check'
import { checkSummary } from '../../../../shared/domain/check-summary'
import { formatBytes } from '../../../../shared/format'
import { PorterError } from '../../../../shared/errors'
import { ErrorNotice } from '../../app/ErrorNotice'
import { porter } from '../../lib/porter'
import { SiteLine } from './SiteLine'

function Proof({ check }: { check: CloudCheck }) {
  const proof = check.readOnly
  if (proof === undefined) return null
  const facts = (side: typeof proof.before | undefined) =>
    side === undefined
      ? '—'
      : [
          side.checksum === undefined ? undefined : `sha256 ${side.checksum.slice(0, 12)}…`,
          side.sizeBytes === undefined ? undefined : formatBytes(side.sizeBytes)
        ]
          .filter(Boolean)
          .join(', ')
  return (
    <p className={proof.unchanged === false ? 'warning' : undefined}>
      {proof.explanation} Before: {facts(proof.before)}. After: {facts(proof.after)}.
      {proof.unchanged === true && ' Your profile is unchanged.'}
    </p>
  )
}

function usageLine(check: CloudCheck): string | undefined {
  const parts = [
    check.session.seconds === undefined ? undefined : `${check.session.seconds} s`,
    check.usage?.tokens === undefined ? undefined : `${check.usage.tokens.toLocaleString()} tokens`,
    check.usage?.usd === undefined ? undefined : `$${check.usage.usd.toFixed(4)}`
  ].filter(Boolean)
  return parts.length === 0 ? undefined : `Session: ${parts.join(' · ')}${check.session.ended ? ', ended' : ''}.`
}

/** The check as it runs: a line per site, Watch live, Stop; then the result, the proof and the cost. */
export function CheckProgress({ check, onClose }: { check: CloudCheck; onClose(): void }) {
  const watch = useMutation({ mutationFn: () => porter.checks.watchLive({ checkId: check.id }) })
  const stop = useMutation({ mutationFn: () => porter.checks.stop({ checkId: check.id }) })
  const running = check.status === 'running'
  const { signedIn, total } = checkSummary(check)
  const usage = usageLine(check)
  return (
    <>
      <p role="status" className="check-phase">
        {running
          ? check.phase
          : check.status === 'done'
            ? `${signedIn} of ${total} signed in at ${check.connection.name}.`
            : check.status === 'cancelled'
              ? 'Check stopped.'
              : 'The check could not finish.'}
      </p>
      <ul className="check-lines" aria-label="Sites">
        {check.sites.map((site) => (
          <SiteLine key={site.url} site={site} />
        ))}
      </ul>
      {check.error !== undefined && <ErrorNotice error={new PorterError(check.error)} />}
      {check.notes.map((note) => (
        <p key={note}>{note}</p>
      ))}
      {!running && <Proof check={check} />}
      {!running && usage !== undefined && <p className="muted">{usage}</p>}
      {watch.isError && <ErrorNotice error={watch.error} />}
      <footer className="modal-actions">
        {running && check.liveView && (
          <button type="button" className="btn" onClick={() => watch.mutate()}>
            <Eye aria-hidden="true" size={16} /> Watch live
          </button>
        )}
        {running && (
          <button type="button" className="btn danger" disabled={stop.isPending} onClick={() => stop.mutate()}>
            <Square aria-hidden="true" size={16} /> {stop.isPending ? 'Stopping…' : 'Stop'}
          </button>
        )}
        <button type="button" className="btn primary" onClick={onClose}>
          {running ? 'Hide (keeps running)' : 'Done'}
        </button>
      </footer>
    </>
  )
}
