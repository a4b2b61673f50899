import type { TransferJob, TransferProgress } from '../../../../shared/domain/transfer'
import { progressWords } from '../../../../shared/format'

const phaseWords: Record<TransferJob['phase'], string> = {
  preparing: 'Getting ready',
  archiving: 'Packing',
  uploading: 'Uploading',
  finalizing: 'Finishing at the service',
  verifying: 'Checking the upload',
  downloading: 'Downloading'
}

/** Phase, bytes, speed and time left, as a labelled progress bar. */
export function JobProgress({ job, progress }: { job: TransferJob; progress: TransferProgress | undefined }) {
  // While a retry waits, the last speed and time left would be stale: they are not shown.
  const live = progress?.phase === job.phase && job.retryingAfter === undefined ? progress : undefined
  const done = live?.bytesDone ?? job.bytesDone
  const total = live?.bytesTotal ?? job.bytesTotal
  const percent = total === undefined || total === 0 ? undefined : Math.min(100, Math.round((done / total) * 100))
  const words = progressWords({ ...live, bytesDone: done, ...(total === undefined ? {} : { bytesTotal: total }) })
  return (
    <div className="job-progress">
      <div className="job-progress-line">
        <span>{phaseWords[job.phase]}…</span>
        <span className="muted">{[words.amount, words.speed, words.left].filter(Boolean).join(' · ')}</span>
      </div>
      <progress max={100} value={percent} aria-label={`${job.title}: ${phaseWords[job.phase]}`} />
      {job.retryingAfter !== undefined && (
        <p className="muted" role="status">
          {job.retryingAfter}
        </p>
      )}
    </div>
  )
}
