import { CheckCircle2 } from 'lucide-react'
import type { TransferJob } from '../../../../shared/domain/transfer'
import { useTransfersStore } from '../../state/transfers-store'
import { count, figure, whereCookiesWork } from '../../../../shared/format'
import { JobProgress } from '../transfers/JobProgress'
import { SiteOutcomes } from './SiteOutcomes'

/** What the upload was checked against, said as exactly that. */
function checkedWords(job: TransferJob, where: string): string {
  if (job.verified === 'sha256') return `Imported and checked: ${where} holds exactly what was sent (the same SHA-256 checksum).`
  if (job.verified === 'size')
    return `Imported: ${where} reports the same size as what was sent. It gives no checksum, so the contents themselves could not be compared.`
  return `Imported. ${where} gave nothing to check the upload against.`
}

/** Step 5: the running import, then done (with what was checked) or the failure with its cause and next step. */
export function ProgressStep({ jobId, local, service }: { jobId: string; local: boolean; service: string }) {
  const job: TransferJob | undefined = useTransfersStore((state) => state.jobs[jobId])
  const progress = useTransfersStore((state) => state.progress[jobId])
  if (job === undefined) return <p className="muted">Starting…</p>
  if (job.status === 'running') return <JobProgress job={job} progress={progress} />
  if (job.status === 'done') {
    const report = job.portability
    return (
      <div className="done" role="status">
        <p>
          <CheckCircle2 aria-hidden="true" size={18} /> {checkedWords(job, local ? 'the library on this computer' : service)}
        </p>
        {report !== undefined && report.total > 0 && (
          <p>
            {figure(report.moved)} of {count(report.total, 'cookie')} will work {whereCookiesWork(local)}.
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
  // "Nothing was left behind" only when undoing went through.
  if (job.status === 'cancelled') return <p role="status">Cancelled. {job.leftBehind ?? 'Nothing was left behind.'}</p>
  return (
    <div role="alert" className="error-notice">
      <p className="error-cause">{job.error?.message ?? 'The import failed.'}</p>
      {job.error?.action !== undefined && <p className="error-action">{job.error.action}</p>}
      {job.leftBehind !== undefined && <p>{job.leftBehind}</p>}
    </div>
  )
}
