import { ShieldCheck } from 'lucide-react'
import type { CloudCheck } from '../../../../shared/domain/check'
import { useChecksStore } from '../../state/checks-store'
import { CheckBadge } from './CheckBadge'

/** In a profile's details: the last check's badge, and the button that checks again (or shows the one running). */
export function CheckSection({
  connectionId,
  profileId,
  latest,
  onCheck
}: {
  connectionId: string
  profileId: string
  latest: CloudCheck | undefined
  onCheck(checkId?: string): void
}) {
  const running = useChecksStore((state) =>
    Object.values(state.live).find(
      (check) => check.status === 'running' && check.connection.id === connectionId && check.profile.id === profileId
    )
  )
  return (
    <section className="drawer-section" aria-labelledby="check-title">
      <h3 id="check-title">Check in the cloud</h3>
      <p className="muted">
        Opens this profile&apos;s sites in the service&apos;s cloud browser, read-only, and says which are signed in there. It uses the
        service&apos;s credits; the cost is shown before anything starts.
      </p>
      {latest !== undefined && (
        <div>
          <CheckBadge check={latest} />
        </div>
      )}
      <div>
        <button type="button" className="btn" onClick={() => onCheck(running?.id)}>
          <ShieldCheck aria-hidden="true" size={16} /> {running === undefined ? 'Check in the cloud' : 'Show the running check'}
        </button>
      </div>
    </section>
  )
}
