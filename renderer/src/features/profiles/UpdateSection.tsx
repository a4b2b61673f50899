import { useMutation, useQuery } from '@tanstack/react-query'
import { RefreshCcw } from 'lucide-react'
import { quitAdvice } from '../../../../shared/domain/quit-advice'
import type { RefreshPreview } from '../../../../shared/domain/refresh'
import { ErrorNotice } from '../../app/ErrorNotice'
import { queryKeys } from '../../app/queries'
import { porter } from '../../lib/porter'
import { exactTime } from '../../lib/time'
import { useNotices } from '../../state/notices-store'
import { useTransfersStore } from '../../state/transfers-store'

function SiteChanges({ preview }: { preview: RefreshPreview }) {
  const lines: Array<[string, string[]]> = [
    ['Newer sign-ins here', preview.newer],
    [preview.mode === 'sites' ? 'Chosen sites with sign-ins again' : 'New sites since then', preview.added],
    ['Gone since then (will not be in the update)', preview.gone]
  ]
  const changed = lines.filter(([, sites]) => sites.length > 0)
  if (changed.length === 0) return <p className="muted">No sign-in here is newer than the one sent; updating sends the same sites again.</p>
  return (
    <ul className="site-changes">
      {changed.map(([title, sites]) => (
        <li key={title}>
          <strong>{title}:</strong> {sites.slice(0, 10).join(', ')}
          {sites.length > 10 ? ` and ${sites.length - 10} more` : ''}
        </li>
      ))}
    </ul>
  )
}

/** "Update from this computer": what changed since the last upload, and the button that re-sends it with the same choices. */
export function UpdateSection({
  connectionId,
  profileId,
  serviceName,
  onStarted
}: {
  connectionId: string
  profileId: string
  serviceName: string
  onStarted(): void
}) {
  const preview = useQuery({
    queryKey: queryKeys.refreshPreview(connectionId, profileId),
    queryFn: () => porter.refresh.preview({ connectionId, profileId }),
    staleTime: 0
  })
  const upsert = useTransfersStore((state) => state.upsert)
  const notify = useNotices((state) => state.push)
  const start = useMutation({
    mutationFn: () => porter.transfers.startRefresh({ connectionId, profileId }),
    onSuccess: (job) => {
      upsert(job)
      notify('Updating from this computer; progress is under Transfers.')
      onStarted()
    }
  })
  if (preview.isPending) return <p className="muted">Comparing with this computer…</p>
  if (preview.isError) return <ErrorNotice error={preview.error} onRetry={() => void preview.refetch()} />
  const data = preview.data
  if (data === null) return null
  const source = `${data.source.browser} — ${data.source.profile}`
  return (
    <section className="drawer-section" aria-labelledby="update-title">
      <h3 id="update-title">Update from this computer</h3>
      <p>
        Sent from {source} on {exactTime(data.lastSentAt)}, with {data.mode === 'sites' ? 'the sites chosen then' : 'every site'}.
      </p>
      {!data.source.found ? (
        <p className="error-cause">{source} is no longer on this computer, so this profile cannot be updated from here.</p>
      ) : (
        <SiteChanges preview={data} />
      )}
      {!data.keepsId && (
        <p className="notice">
          {serviceName} cannot update a profile in place: the update is a new profile with the same name, description and labels (and the
          default, if this one is), and this one is deleted once the new one is ready. Its id changes.
        </p>
      )}
      {data.source.running && <p className="warning">{quitAdvice(data.source.browser, 'update it')}</p>}
      {start.isError && <ErrorNotice error={start.error} />}
      <div>
        <button
          type="button"
          className="btn"
          disabled={!data.source.found || data.source.running || start.isPending}
          onClick={() => start.mutate()}
        >
          <RefreshCcw aria-hidden="true" size={16} /> Update from this computer
        </button>
      </div>
    </section>
  )
}
