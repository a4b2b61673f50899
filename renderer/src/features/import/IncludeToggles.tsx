import type { IncludeOptions } from '../../../../shared/domain/sites'

const toggles: Array<{ key: keyof IncludeOptions; label: string; reason: string }> = [
  { key: 'history', label: 'History', reason: 'The pages you visited. Not needed to stay signed in.' },
  { key: 'bookmarks', label: 'Bookmarks', reason: 'Your saved pages. Personal, and not needed to stay signed in.' },
  { key: 'autofill', label: 'Autofill', reason: 'Addresses, phone numbers and payment cards you saved in the browser.' },
  { key: 'passwords', label: 'Saved passwords', reason: 'Lets the cloud browser sign in again when a session ends; only those of the sites sent.' }
]

/** What may travel besides the sites' own sign-ins; each off unless the person turns it on. */
export function IncludeToggles({ include, onChange }: { include: IncludeOptions; onChange(include: IncludeOptions): void }) {
  return (
    <fieldset className="include-toggles">
      <legend>Also send</legend>
      {toggles.map((toggle) => (
        <label key={toggle.key} className="include-toggle">
          <input type="checkbox" checked={include[toggle.key] === true} onChange={(event) => onChange({ ...include, [toggle.key]: event.target.checked })} />
          <span>
            <strong>{toggle.label}</strong> <span className="muted">{toggle.reason}</span>
          </span>
        </label>
      ))}
    </fieldset>
  )
}
