import { Search } from 'lucide-react'
import { useState } from 'react'
import type { SiteRow } from '../../../../shared/domain/sites'
import { count } from '../../../../shared/format'
import { SiteGroupItem } from './SiteGroupItem'
import { siteGroups } from './site-groups'

/** The hosts of a profile grouped by site, with a search, select all / none, and why a host starts unticked. */
export function SiteList({ rows, chosen, onChange }: { rows: SiteRow[]; chosen: string[]; onChange(chosen: string[]): void }) {
  const [search, setSearch] = useState('')
  const picked = new Set(chosen)
  const groups = siteGroups(rows, search)
  const shown = groups.flatMap((group) => group.rows)
  const sendable = shown.filter((row) => row.public).map((row) => row.host)
  const pick = (hosts: string[], on: boolean) =>
    onChange(on ? [...new Set([...chosen, ...hosts])] : chosen.filter((host) => !hosts.includes(host)))
  const filtered = search.trim() !== ''
  return (
    <div className="site-picker">
      <div className="site-tools">
        <label className="search-field">
          <Search aria-hidden="true" size={16} />
          <span className="visually-hidden">Search sites</span>
          <input type="search" placeholder="Search sites" value={search} onChange={(event) => setSearch(event.target.value)} />
        </label>
        <button type="button" className="btn ghost" onClick={() => pick(sendable, true)}>
          Select all{filtered ? ' shown' : ''}
        </button>
        <button
          type="button"
          className="btn ghost"
          onClick={() =>
            pick(
              shown.map((row) => row.host),
              false
            )
          }
        >
          Select none
        </button>
        <span className="muted" aria-live="polite">
          {chosen.length} of {count(rows.filter((row) => row.public).length, 'site')} chosen
        </span>
      </div>
      {groups.length === 0 ? (
        <p className="muted">No site matches “{search.trim()}”.</p>
      ) : (
        <ul className="site-list" aria-label="Sites in this profile">
          {groups.map((group) => (
            <SiteGroupItem key={group.site} group={group} picked={picked} onPick={pick} />
          ))}
        </ul>
      )}
    </div>
  )
}
