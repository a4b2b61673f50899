import type { CloudCheck } from '../../../../shared/domain/check'
import { checkSummary } from '../../../../shared/domain/check-summary'
import { exactTime, relativeTime } from '../../lib/time'

/** "3 of 4 signed in, checked 2 min ago": the last check of a profile, at a glance. */
export function CheckBadge({ check }: { check: CloudCheck }) {
  const { signedIn, total } = checkSummary(check)
  const tone = check.status !== 'done' ? 'check-unknown' : signedIn === total ? 'check-ok' : 'check-partial'
  return (
    <span className={`badge check-badge ${tone}`} title={`Checked in the cloud ${exactTime(check.startedAt)}`}>
      {check.status === 'done' ? `${signedIn} of ${total} signed in` : 'Check did not finish'}, checked {relativeTime(check.startedAt)}
    </span>
  )
}
