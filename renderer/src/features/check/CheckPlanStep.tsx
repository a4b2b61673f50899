import { useMutation, useQuery } from '@tanstack/react-query'
import { useState } from 'react'
import type { CheckPlan, CloudCheck } from '../../../../shared/domain/check'
import { PorterError } from '../../../../shared/errors'
import { count } from '../../../../shared/format'
import { ErrorNotice } from '../../app/ErrorNotice'
import { porter } from '../../lib/porter'
import { useChecksStore } from '../../state/checks-store'
import { SitePicker } from './SitePicker'

function Plan({
  plan,
  connectionId,
  onStarted,
  onClose
}: {
  plan: CheckPlan
  connectionId: string
  onStarted(check: CloudCheck): void
  onClose(): void
}) {
  const [offered, setOffered] = useState(() => [...plan.sites.map((site) => site.site), ...plan.more])
  const [ticked, setTicked] = useState(() => new Set(plan.sites.map((site) => site.site)))
  const start = useMutation({
    mutationFn: () => porter.checks.start({ connectionId, profileId: plan.profile.id, sites: offered.filter((site) => ticked.has(site)) }),
    onSuccess: (check) => {
      useChecksStore.getState().upsert(check)
      onStarted(check)
    }
  })
  const notes = Object.fromEntries(plan.sites.map((site) => [site.site, site.note]))
  return (
    <>
      <SitePicker
        offered={offered}
        receipt={plan.receipt}
        ticked={ticked}
        notes={notes}
        onChange={(nextOffered, nextTicked) => (setOffered(nextOffered), setTicked(nextTicked))}
      />
      <section className="check-cost" aria-labelledby="check-cost-title">
        <h3 id="check-cost-title">What it costs</h3>
        {plan.cost.map((line) => (
          <p key={line}>{line}</p>
        ))}
        <p>{plan.readOnly}</p>
        {plan.warnings.map((line) => (
          <p key={line} className="warning">
            {line}
          </p>
        ))}
      </section>
      {plan.blocked !== undefined && <ErrorNotice error={new PorterError(plan.blocked)} />}
      {start.isError && <ErrorNotice error={start.error} />}
      <footer className="modal-actions">
        <button type="button" className="btn ghost" onClick={onClose}>
          Cancel
        </button>
        <button
          type="button"
          className="btn primary"
          disabled={ticked.size === 0 || plan.blocked !== undefined || start.isPending}
          onClick={() => start.mutate()}
        >
          {start.isPending ? 'Starting…' : `Check ${count(ticked.size, 'site')}`}
        </button>
      </footer>
    </>
  )
}

/** Before a check: which sites, what it costs, what it promises about the profile. Nothing starts until the person says so. */
export function CheckPlanStep({
  connectionId,
  profileId,
  onStarted,
  onClose
}: {
  connectionId: string
  profileId: string
  onStarted(check: CloudCheck): void
  onClose(): void
}) {
  const plan = useQuery({
    queryKey: ['check-plan', connectionId, profileId],
    queryFn: () => porter.checks.plan({ connectionId, profileId }),
    staleTime: 0,
    retry: false
  })
  if (plan.isPending) return <p className="muted">Asking the service about your allowance…</p>
  if (plan.isError) return <ErrorNotice error={plan.error} onRetry={() => void plan.refetch()} />
  if (!plan.data.available) return <p>{plan.data.unavailable}</p>
  return <Plan plan={plan.data} connectionId={connectionId} onStarted={onStarted} onClose={onClose} />
}
