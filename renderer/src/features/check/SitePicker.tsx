import { useState } from 'react'
import { MAX_CHECK_SITES, noSiteOffered } from '../../../../shared/domain/check-summary'

interface SitePickerProps {
  /** Every site offered, in order; the ticked ones are checked. */
  offered: string[]
  /** Whether the sites came from a receipt of the upload (it may name none a cloud browser can open). */
  receipt: boolean
  ticked: ReadonlySet<string>
  notes: Record<string, string | undefined>
  onChange(offered: string[], ticked: Set<string>): void
}

/** The sites to open, ticked from the upload's receipt, with a field to add any site or address. */
export function SitePicker({ offered, receipt, ticked, notes, onChange }: SitePickerProps) {
  const [adding, setAdding] = useState('')
  const full = ticked.size >= MAX_CHECK_SITES
  const toggle = (site: string) => {
    const next = new Set(ticked)
    if (next.has(site)) next.delete(site)
    else next.add(site)
    onChange(offered, next)
  }
  const add = () => {
    const site = adding.trim()
    if (site === '') return
    onChange(offered.includes(site) ? offered : [...offered, site], new Set([...ticked, site]))
    setAdding('')
  }
  return (
    <fieldset className="check-sites">
      <legend>Sites to open in the cloud browser</legend>
      {offered.length === 0 && <p className="muted">{noSiteOffered(receipt)}: add them below.</p>}
      {offered.map((site) => (
        <label key={site} className="check-site-choice">
          <input type="checkbox" checked={ticked.has(site)} disabled={!ticked.has(site) && full} onChange={() => toggle(site)} />
          <span className="check-site-name">{site}</span>
          {notes[site] !== undefined && <span className="muted"> — {notes[site]}</span>}
        </label>
      ))}
      <form
        className="check-add"
        onSubmit={(event) => {
          event.preventDefault()
          add()
        }}
      >
        <label htmlFor="check-add-site">Add a site or address</label>
        <input
          id="check-add-site"
          value={adding}
          placeholder="example.com or https://…"
          onChange={(event) => setAdding(event.target.value)}
        />
        <button type="submit" className="btn" disabled={adding.trim() === '' || full}>
          Add
        </button>
      </form>
      {full && <p className="muted">At most {MAX_CHECK_SITES} sites at once.</p>}
    </fieldset>
  )
}
