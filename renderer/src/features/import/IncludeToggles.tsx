import type { IncludeOptions, SiteChoice } from '../../../../shared/domain/sites'

type Mode = SiteChoice['mode']

const toggles: Array<{ key: keyof IncludeOptions; label: string; reason(mode: Mode): string }> = [
  {
    key: 'history',
    label: 'History',
    reason: (mode) =>
      `${mode === 'sites' ? 'The pages you visited on the chosen sites' : 'Every page you visited'}. Not needed to stay signed in.`
  },
  { key: 'bookmarks', label: 'Bookmarks', reason: () => 'All your bookmarks: they are not kept per site. Not needed to stay signed in.' },
  { key: 'autofill', label: 'Autofill', reason: () => 'Your saved addresses, phone numbers and payment cards, for every site.' },
  {
    key: 'passwords',
    label: 'Saved passwords',
    reason: (mode) =>
      `Lets the cloud browser sign in again when a session ends; ${mode === 'sites' ? 'only the chosen sites’ passwords' : 'every saved password'}.`
  }
]

interface TogglesProps {
  include: IncludeOptions
  mode: Mode
  /** Firefox keeps these in files shared by every site: with chosen sites they cannot travel. */
  unavailable?: string
  onChange(include: IncludeOptions): void
}

/** What may travel besides the sites' own sign-ins; each off unless the person turns it on. */
export function IncludeToggles({ include, mode, unavailable, onChange }: TogglesProps) {
  return (
    <fieldset className="include-toggles" disabled={unavailable !== undefined}>
      <legend>Also send</legend>
      {unavailable !== undefined && <p className="muted">{unavailable}</p>}
      {toggles.map((toggle) => (
        <label key={toggle.key} className="include-toggle">
          <input
            type="checkbox"
            checked={include[toggle.key] === true}
            onChange={(event) => onChange({ ...include, [toggle.key]: event.target.checked })}
          />
          <span>
            <strong>{toggle.label}</strong> <span className="muted">{toggle.reason(mode)}</span>
          </span>
        </label>
      ))}
    </fieldset>
  )
}
