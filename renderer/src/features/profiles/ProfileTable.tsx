import { useVirtualizer } from '@tanstack/react-virtual'
import { ArrowDown, ArrowUp, Compass, Globe } from 'lucide-react'
import { startTransition, useEffect, useRef, useState } from 'react'
import type { CloudCheck } from '../../../../shared/domain/check'
import type { Profile } from '../../../../shared/domain/profile'
import { CheckBadge } from '../check/CheckBadge'
import { formatBytes } from '../../../../shared/format'
import { Hint } from '../../components/Hint'
import { exactTime, relativeTime } from '../../lib/time'
import { useUiStore, type SortKey } from '../../state/ui-store'
import { LabelChips, StatusBadge } from './StatusBadge'

const columns: Array<{ key: SortKey; label: string }> = [
  { key: 'name', label: 'Name' },
  { key: 'browser', label: 'Browser' },
  { key: 'status', label: 'Status' },
  { key: 'usageCount', label: 'Used' },
  { key: 'lastUsedAt', label: 'Last used' },
  { key: 'sizeBytes', label: 'Size' },
  { key: 'createdAt', label: 'Created' }
]

const ROW_HEIGHT = 52

/** Chromium-family profiles and Firefox ones look different at a glance. */
function BrowserIcon({ browser }: { browser: string }) {
  const Icon = browser === 'firefox' ? Compass : Globe
  return <Icon aria-hidden="true" size={14} className="browser-icon" />
}

function When({ iso, hint }: { iso: string | undefined; hint: boolean }) {
  if (iso === undefined) return <span className="muted">—</span>
  const time = (
    <time dateTime={iso} tabIndex={0}>
      {relativeTime(iso)}
    </time>
  )
  return hint ? <Hint text={exactTime(iso)}>{time}</Hint> : time
}

/**
 * The rows' date tooltips (two Radix tooltips a row) were ~40% of the time from a click on a
 * connection to its painted list (1,000 profiles, four alternating runs of list_1000_first_paint_ms:
 * 166–194 ms with them, 87–114 without). So the rows paint without them, the same text, and they
 * are added once the window is idle, in a render React interrupts for anything the person does:
 * 99–126 ms. Added at once in a deferred render (useDeferredValue), they still delayed the paint
 * (129–151 ms).
 */
function useHintsOnceIdle(): boolean {
  const [hints, setHints] = useState(false)
  useEffect(() => {
    const idle = requestIdleCallback(() => startTransition(() => setHints(true)), { timeout: 1000 })
    return () => cancelIdleCallback(idle)
  }, [])
  return hints
}

/** Only the rows on screen are rendered, so a thousand profiles scroll as smoothly as ten. */
export function ProfileTable({ profiles, checks = {} }: { profiles: Profile[]; checks?: Record<string, CloudCheck> }) {
  const scroller = useRef<HTMLDivElement>(null)
  const { sort, sortBy, selectedIds, toggleSelected, setSelection, showDetails } = useUiStore()
  const rows = useVirtualizer({
    count: profiles.length,
    getScrollElement: () => scroller.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 8
  })
  const hints = useHintsOnceIdle()
  const allSelected = profiles.length > 0 && profiles.every((profile) => selectedIds.has(profile.id))

  return (
    <div role="table" aria-label="Profiles" aria-rowcount={profiles.length + 1} className="profile-table">
      <div role="rowgroup">
        <div role="row" className="profile-row header-row">
          <span role="columnheader" className="cell-check">
            <input
              type="checkbox"
              aria-label="Select all profiles"
              checked={allSelected}
              onChange={() => setSelection(allSelected ? [] : profiles.map((p) => p.id))}
            />
          </span>
          {columns.map((column) => (
            <span
              role="columnheader"
              key={column.key}
              className={`cell-${column.key}`}
              aria-sort={sort.key === column.key ? (sort.direction === 'asc' ? 'ascending' : 'descending') : 'none'}
            >
              <button type="button" className="sort-button" onClick={() => sortBy(column.key)}>
                {column.label}
                {sort.key === column.key &&
                  (sort.direction === 'asc' ? <ArrowUp aria-hidden="true" size={14} /> : <ArrowDown aria-hidden="true" size={14} />)}
              </button>
            </span>
          ))}
          <span role="columnheader" className="cell-labels">
            Labels
          </span>
        </div>
      </div>
      <div ref={scroller} role="rowgroup" className="table-body">
        <div className="table-spacer" style={{ height: rows.getTotalSize() }}>
          {rows.getVirtualItems().map((item) => {
            const profile = profiles[item.index] as Profile
            return (
              <div
                role="row"
                aria-rowindex={item.index + 2}
                key={profile.id}
                className="profile-row"
                data-selected={selectedIds.has(profile.id) || undefined}
                style={{ transform: `translateY(${item.start}px)` }}
              >
                <span role="cell" className="cell-check">
                  <input
                    type="checkbox"
                    aria-label={`Select ${profile.name}`}
                    checked={selectedIds.has(profile.id)}
                    onChange={() => toggleSelected(profile.id)}
                  />
                </span>
                <span role="cell" className="cell-name">
                  <button type="button" className="link-button one-line" title={profile.name} onClick={() => showDetails(profile.id)}>
                    {profile.name}
                  </button>
                  {profile.isDefault === true && <span className="badge default-badge">Default</span>}
                  {checks[profile.id] !== undefined && <CheckBadge check={checks[profile.id] as CloudCheck} />}
                </span>
                <span role="cell" className="cell-browser">
                  {profile.browser === undefined ? (
                    <span className="muted">—</span>
                  ) : (
                    <>
                      <BrowserIcon browser={profile.browser} />
                      <span className="one-line" title={`${profile.browser} ${profile.browserVersion ?? ''}`.trim()}>
                        {profile.browser}
                        {profile.browserVersion ? ` ${profile.browserVersion}` : ''}
                      </span>
                    </>
                  )}
                </span>
                <span role="cell" className="cell-status">
                  <StatusBadge status={profile.status} />
                </span>
                <span role="cell" className="cell-usageCount">
                  {profile.usageCount ?? <span className="muted">—</span>}
                </span>
                <span role="cell" className="cell-lastUsedAt">
                  <When iso={profile.lastUsedAt} hint={hints} />
                </span>
                <span role="cell" className="cell-sizeBytes">
                  {profile.sizeBytes === undefined ? <span className="muted">—</span> : formatBytes(profile.sizeBytes)}
                </span>
                <span role="cell" className="cell-createdAt">
                  <When iso={profile.createdAt} hint={hints} />
                </span>
                <span role="cell" className="cell-labels">
                  <LabelChips labels={profile.labels} oneLine />
                </span>
              </div>
            )
          })}
        </div>
      </div>
    </div>
  )
}
