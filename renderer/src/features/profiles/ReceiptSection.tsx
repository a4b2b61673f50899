import { useMutation, useQuery } from '@tanstack/react-query'
import { FileDown } from 'lucide-react'
import type { Receipt } from '../../../../shared/domain/receipt'
import { figure, formatBytes } from '../../../../shared/format'
import { ErrorNotice } from '../../app/ErrorNotice'
import { queryKeys } from '../../app/queries'
import { includeWords } from '../../lib/include-words'
import { porter } from '../../lib/porter'
import { exactTime } from '../../lib/time'
import { useNotices } from '../../state/notices-store'

function ReceiptBody({ receipt }: { receipt: Receipt }) {
  const also = includeWords(receipt.include).sent
  return (
    <dl className="details receipt">
      <dt>From</dt>
      <dd>
        {receipt.source.browser} — {receipt.source.profile}
      </dd>
      <dt>Sites</dt>
      <dd>
        {receipt.choice.mode === 'everything' ? 'Every site in the profile' : 'Only the sites chosen'}: {receipt.sites.length} with cookies
        {receipt.sites.length > 0 && (
          <ul className="receipt-sites">
            {receipt.sites.slice(0, 30).map((site) => (
              <li key={site.site}>
                {site.site} <span className="muted">({site.cookies})</span>
              </li>
            ))}
            {receipt.sites.length > 30 && <li className="muted">and {receipt.sites.length - 30} more (in the exported receipt)</li>}
          </ul>
        )}
      </dd>
      <dt>Also sent</dt>
      <dd>{also.length === 0 ? 'Nothing else' : also.join(', ')}</dd>
      <dt>Left out</dt>
      <dd>
        <ul className="receipt-left-out">
          {receipt.leftOut.map((item) => (
            <li key={item.reason}>{item.reason}</li>
          ))}
          {receipt.notes.map((note) => (
            <li key={note}>{note}</li>
          ))}
        </ul>
      </dd>
      {receipt.cookies !== undefined && (
        <>
          <dt>Cookies</dt>
          <dd>
            {figure(receipt.cookies.total)} sent
            {receipt.cookies.moved === undefined ? '' : `, ${figure(receipt.cookies.moved)} readable by the cloud browser`}
          </dd>
        </>
      )}
      <dt>Archive</dt>
      <dd>
        {formatBytes(receipt.archive.bytes)}, sha256 <code className="wrap">{receipt.archive.sha256}</code>
      </dd>
    </dl>
  )
}

/** "What was sent": the receipt of the latest upload of this profile, earlier ones folded, and an export for IT. */
export function ReceiptSection({ connectionId, profileId }: { connectionId: string; profileId: string }) {
  const receipts = useQuery({
    queryKey: queryKeys.receipts(connectionId, profileId),
    queryFn: () => porter.receipts.list({ connectionId, profileId })
  })
  const notify = useNotices((state) => state.push)
  const exported = useMutation({
    mutationFn: () => porter.receipts.export({ connectionId, profileId }),
    onSuccess: (path) => path !== null && notify(`Receipts saved to ${path}.`),
    onError: (error) => notify(error.message, 'error')
  })
  if (receipts.isPending) return null
  if (receipts.isError) return <ErrorNotice error={receipts.error} onRetry={() => void receipts.refetch()} />
  const [latest, ...earlier] = receipts.data
  if (latest === undefined) return null
  return (
    <section className="drawer-section" aria-labelledby="receipt-title">
      <h3 id="receipt-title">What was sent</h3>
      <p className="muted">
        {latest.kind === 'refresh' ? 'Updated' : 'Imported'} {exactTime(latest.at)} to {latest.connection.name}. No cookie value or password
        is kept in this record.
      </p>
      <ReceiptBody receipt={latest} />
      {earlier.map((receipt) => (
        <details key={receipt.id}>
          <summary>
            {receipt.kind === 'refresh' ? 'Updated' : 'Imported'} {exactTime(receipt.at)}
          </summary>
          <ReceiptBody receipt={receipt} />
        </details>
      ))}
      <div>
        <button type="button" className="btn" onClick={() => exported.mutate()}>
          <FileDown aria-hidden="true" size={16} /> Export receipts (JSON)
        </button>
      </div>
    </section>
  )
}
