import { useEffect, useRef } from 'react'
import { SiteHostRow } from './SiteHostRow'
import type { SiteGroup } from './site-groups'

/**
 * A registrable domain with several hosts: one checkbox for all of them (mixed when some are
 * ticked), then each host as its own choice. A site with one host is just that host's row.
 */
export function SiteGroupItem({
  group,
  picked,
  onPick
}: {
  group: SiteGroup
  picked: Set<string>
  onPick(hosts: string[], on: boolean): void
}) {
  const all = useRef<HTMLInputElement>(null)
  const sendable = group.rows.filter((row) => row.public).map((row) => row.host)
  const ticked = sendable.filter((host) => picked.has(host)).length
  useEffect(() => {
    if (all.current !== null) all.current.indeterminate = ticked > 0 && ticked < sendable.length
  }, [ticked, sendable.length])
  const only = group.rows.length === 1 ? group.rows[0] : undefined
  if (only !== undefined)
    return (
      <li>
        <SiteHostRow row={only} checked={picked.has(only.host)} onToggle={(on) => onPick([only.host], on)} />
      </li>
    )
  return (
    <li className="site-group">
      <label className="site-row site-group-row" data-disabled={sendable.length === 0 || undefined}>
        <input
          ref={all}
          type="checkbox"
          disabled={sendable.length === 0}
          checked={sendable.length > 0 && ticked === sendable.length}
          onChange={(event) => onPick(sendable, event.target.checked)}
        />
        <span className="site-body">
          <strong className="site-name">All of {group.site}</strong>
          <span className="muted site-facts">
            {group.rows.length} hosts, each sent only when ticked; a host takes the cookies its site shares with it
          </span>
        </span>
      </label>
      <ul className="site-hosts" aria-label={`Hosts of ${group.site}`}>
        {group.rows.map((row) => (
          <li key={row.host}>
            <SiteHostRow row={row} checked={picked.has(row.host)} onToggle={(on) => onPick([row.host], on)} />
          </li>
        ))}
      </ul>
    </li>
  )
}
