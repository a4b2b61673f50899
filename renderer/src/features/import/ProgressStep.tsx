import { CheckCircle2 } from 'lucide-react'
import type { TransferJob } from '../../../../shared/domain/transfer'
import { useTransfersStore } from '../../state/transfers-store'
import { count } from '../../../../shared/format'
import { JobProgress } from '../transfers/JobProgress'
import { SiteOutcomes } from './SiteOutcomes'

/** Step 5: the running import, then done (verified) or the failure with its cause and next step. */
export function ProgressStep({ jobId, local }: { jobId: string; local: boolean }) {
  const job: TransferJob | undefined = useTransfersStore((state) => state.jobs[jobId])
  const progress = useTransfersStore((state) => state.progress[jobId])
  if (job === undefined) return <p className="muted">Starting…</p>
  if (job.status === 'running') return <JobProgress job={job} progress={progress} />
  if (job.status === 'done') {
    const report = job.portability
    return (
      <div className="done" role="status">
        <p>
          <CheckCircle2 aria-hidden="true" size={18} /> Imported and checked: the service stored exactly what was sent.
        </p>
        {report !== undefined && report.total > 0 && (
          <p>
            {report.moved} of {count(report.total, 'cookie')} will work{' '}
            {local ? 'in the browser that opens this profile' : 'in the cloud browser'}.
            {report.sitesNeedingLogin.length > 0 &&
              ` These sites will need a fresh login: ${report.sitesNeedingLogin.slice(0, 8).join(', ')}.`}
          </p>
        )}
        {report?.sites !== undefined && report.sites.length > 0 && (
          <details open={report.sitesNeedingLogin.length > 0 || report.sites.some((site) => site.via.some((source) => source !== 'disk'))}>
            <summary>Sign-ins per site ({report.sites.length})</summary>
            <SiteOutcomes sites={report.sites} />
          </details>
        )}
        {job.notes?.map((note) => (
          <p key={note}>{note}</p>
        ))}
      </div>
    )
  }
  if (job.status === 'cancelled') return <p role="status">Cancelled. Nothing was left behind.</p>
  return (
    <div role="alert" className="error-notice">
      <p className="error-cause">{job.error?.message ?? 'The import failed.'}</p>
      {job.error?.action !== undefined && <p className="error-action">{job.error.action}</p>}
    </div>
  )
}
