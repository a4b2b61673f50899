import { AlertTriangle, Lock, Search } from 'lucide-react'
import { useState } from 'react'
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

/** The sites of a profile with a search, select all / none, and why a site starts unticked. */
export function SiteList({ rows, chosen, onChange }: { rows: SiteRow[]; chosen: string[]; onChange(chosen: string[]): void }) {
  const [search, setSearch] = useState('')
  const picked = new Set(chosen)
  const needle = search.trim().toLowerCase()
  const shown = needle === '' ? rows : rows.filter((row) => row.site.includes(needle))
  const sendable = shown.filter((row) => row.public).map((row) => row.site)
  const toggle = (site: string, on: boolean) => onChange(on ? [...chosen, site] : chosen.filter((name) => name !== site))
  return (
    <div className="site-picker">
      <div className="site-tools">
        <label className="search-field">
          <Search aria-hidden="true" size={16} />
          <span className="visually-hidden">Search sites</span>
          <input type="search" placeholder="Search sites" value={search} onChange={(event) => setSearch(event.target.value)} />
        </label>
        <button type="button" className="btn ghost" onClick={() => onChange([...new Set([...chosen, ...sendable])])}>
          Select all{needle === '' ? '' : ' shown'}
        </button>
        <button
          type="button"
          className="btn ghost"
          onClick={() => onChange(chosen.filter((site) => !shown.some((row) => row.site === site)))}
        >
          Select none
        </button>
        <span className="muted" aria-live="polite">
          {chosen.length} of {count(rows.filter((row) => row.public).length, 'site')} chosen
        </span>
      </div>
      {shown.length === 0 ? (
        <p className="muted">No site matches “{search.trim()}”.</p>
      ) : (
        <ul className="site-list" aria-label="Sites in this profile">
          {shown.map((row) => (
            <li key={row.site}>
              <label className="site-row" data-disabled={!row.public || undefined}>
                <input
                  type="checkbox"
                  disabled={!row.public}
                  checked={row.public && picked.has(row.site)}
                  onChange={(event) => toggle(row.site, event.target.checked)}
                />
                <span className="site-body">
                  <strong className="site-name">{row.site}</strong>
                  <SiteFacts row={row} />
                  <SiteNote row={row} />
                </span>
              </label>
            </li>
          ))}
        </ul>
      )}
    </div>
  )
}
