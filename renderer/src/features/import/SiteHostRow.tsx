import { AlertTriangle, Lock } from 'lucide-react'
import type { SiteRow } from '../../../../shared/domain/sites'
import { count, formatBytes } from '../../../../shared/format'
import { relativeTime } from '../../lib/time'

function SiteFacts({ row }: { row: SiteRow }) {
  const facts = [
    count(row.cookies, 'cookie'),
    row.signedIn ? 'signed in' : undefined,
    row.lastVisit === undefined ? undefined : `visited ${relativeTime(row.lastVisit)}`,
    row.storageBytes > 0 ? `${formatBytes(row.storageBytes)} stored` : undefined
  ]
  return <span className="muted site-facts">{facts.filter(Boolean).join(' · ')}</span>
}

function SiteNote({ row }: { row: SiteRow }) {
  if (!row.public) {
    return (
      <span className="site-note muted">
        <Lock aria-hidden="true" size={13} /> Only this computer knows this name, so it is never sent.
      </span>
    )
  }
  const notes = [row.category?.reason, row.deviceBound].filter((note): note is string => note !== undefined)
  return notes.map((note) => (
    <span key={note} className="site-note warning">
      <AlertTriangle aria-hidden="true" size={13} /> {note}
    </span>
  ))
}

/** One host a person can tick: its name first (the checkbox's name), then what it holds and why it may be unwise to send. */
export function SiteHostRow({ row, checked, onToggle }: { row: SiteRow; checked: boolean; onToggle(on: boolean): void }) {
  return (
    <label className="site-row" data-disabled={!row.public || undefined}>
      <input type="checkbox" disabled={!row.public} checked={row.public && checked} onChange={(event) => onToggle(event.target.checked)} />
      <span className="site-body">
        <strong className="site-name">{row.host}</strong>
        <SiteFacts row={row} />
        <SiteNote row={row} />
      </span>
    </label>
  )
}
