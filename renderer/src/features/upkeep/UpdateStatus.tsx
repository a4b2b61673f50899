import { useMutation } from '@tanstack/react-query'
import { PorterError } from '../../../../shared/errors'
import { porter } from '../../lib/porter'
import { useNotices } from '../../state/notices-store'
import { useTransfersStore } from '../../state/transfers-store'
import { useUpkeepStore } from '../../state/upkeep-store'

/**
 * The update, where the person looks anyway: quiet while it downloads, a restart button once it is
 * verified and ready, and the plain reason when a download was thrown away. A restart never cuts a
 * transfer short: while one runs, the update waits for the next quit.
 */
export function UpdateStatus() {
  const update = useUpkeepStore((state) => state.update)
  const busy = useTransfersStore((state) => Object.values(state.jobs).some((job) => job.status === 'running'))
  const notify = useNotices((state) => state.push)
  const restart = useMutation({
    mutationFn: () => porter.app.restartToUpdate(),
    onError: (error) =>
      notify(error instanceof PorterError ? [error.message, error.action].filter(Boolean).join(' ') : 'Could not restart.', 'error')
  })
  if (update.status === 'downloading') {
    return (
      <span className="update-status" role="status">
        Downloading update {update.version}… {update.percent ?? 0}%
      </span>
    )
  }
  if (update.status === 'failed') {
    return (
      <span className="update-status warning" role="status">
        {update.message}
      </span>
    )
  }
  if (update.status !== 'ready') return null
  return (
    <span className="update-status">
      <button
        type="button"
        className="btn primary small"
        disabled={busy || restart.isPending}
        aria-describedby={busy ? 'update-waits' : undefined}
        title={`Installs version ${update.version ?? ''} and opens Profile Porter again`}
        onClick={() => restart.mutate()}
      >
        Update ready — restart
      </button>
      {busy && (
        <span id="update-waits" className="muted">
          It installs once your transfers finish, or when you quit.
        </span>
      )}
    </span>
  )
}
