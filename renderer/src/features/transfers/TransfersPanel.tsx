import { useMutation } from '@tanstack/react-query'
import { FolderOpen, RotateCcw, X } from 'lucide-react'
import { useConnections } from '../../app/queries'
import { porter } from '../../lib/porter'
import { useNotices } from '../../state/notices-store'
import { useTransfersStore } from '../../state/transfers-store'
import { JobProgress } from './JobProgress'

const statusWords = { running: 'In progress', done: 'Done', failed: 'Failed', cancelled: 'Cancelled' }

/** Running and recent transfers: progress, cancel, retry, clear. */
export function TransfersPanel() {
  const jobs = Object.values(useTransfersStore((state) => state.jobs)).sort((a, b) => b.startedAt.localeCompare(a.startedAt))
  const progress = useTransfersStore((state) => state.progress)
  const replaceAll = useTransfersStore((state) => state.replaceAll)
  const notify = useNotices((state) => state.push)
  const connections = useConnections().data
  // A removed connection's key is gone: its transfers end with their reason and no Retry.
  const canRetry = (job: { status: string; connectionId: string }) =>
    (job.status === 'failed' || job.status === 'cancelled') &&
    connections?.some((connection) => connection.id === job.connectionId) === true
  const act = useMutation({
    mutationFn: async (action: () => Promise<unknown>) => action(),
    onError: (error) => notify(error.message, 'error')
  })
  if (jobs.length === 0) return null
  return (
    <aside className="transfers" aria-label="Transfers">
      <header className="transfers-header">
        <h2>Transfers</h2>
        <button
          type="button"
          className="btn ghost"
          onClick={() => act.mutate(async () => (await porter.transfers.clear(), replaceAll(await porter.transfers.list())))}
        >
          Clear finished
        </button>
      </header>
      <ul className="transfer-list">
        {jobs.map((job) => (
          <li key={job.id} className={`transfer transfer-${job.status}`}>
            <div className="transfer-title">
              <strong>{job.title}</strong>
              <span className="muted">{statusWords[job.status]}</span>
            </div>
            {job.status === 'running' && <JobProgress job={job} progress={progress[job.id]} />}
            {job.status === 'done' &&
              job.notes?.map((note) => (
                <p key={note} className="transfer-note">
                  {note}
                </p>
              ))}
            {job.status === 'failed' && job.error !== undefined && (
              <p role="alert" className="error-cause">
                {job.error.message} {job.error.action}
              </p>
            )}
            {job.leftBehind !== undefined && <p className="transfer-note">{job.leftBehind}</p>}
            <div className="transfer-actions">
              {job.status === 'running' && (
                <button type="button" className="btn ghost" onClick={() => act.mutate(() => porter.transfers.cancel({ jobId: job.id }))}>
                  <X aria-hidden="true" size={14} /> Cancel
                </button>
              )}
              {canRetry(job) && (
                <button type="button" className="btn ghost" onClick={() => act.mutate(() => porter.transfers.retry({ jobId: job.id }))}>
                  <RotateCcw aria-hidden="true" size={14} /> Retry
                </button>
              )}
              {job.status === 'done' && job.targetFile !== undefined && (
                <button
                  type="button"
                  className="btn ghost"
                  onClick={() => act.mutate(() => porter.transfers.showInFolder({ jobId: job.id }))}
                >
                  <FolderOpen aria-hidden="true" size={14} /> Show in folder
                </button>
              )}
            </div>
          </li>
        ))}
      </ul>
    </aside>
  )
}
