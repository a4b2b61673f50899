import { Plus, X } from 'lucide-react'
import { ProfileDescription, ProfileName } from '../../../../shared/domain/profile'

export interface ImportDetails {
  name: string
  description: string
  labels: Array<{ key: string; value: string }>
}

/** Why Next cannot go on yet, in the words the services' own rules use; none when it can. */
export function detailsProblem(details: ImportDetails): string | undefined {
  const name = ProfileName.safeParse(details.name)
  if (!name.success) return name.error.issues[0]?.message
  const description = ProfileDescription.safeParse(details.description)
  if (!description.success) return description.error.issues[0]?.message
  return undefined
}

function Counter({ id, length, max }: { id: string; length: number; max: number }) {
  return (
    <span id={id} className={length > max ? 'counter over' : 'counter'}>
      {length} of {max}
    </span>
  )
}

/** Whether a profile already listed at the destination goes by this name (as a person reads names: case and spaces aside). */
export function nameTaken(name: string, listed: Array<{ name: string }> | undefined): boolean {
  const wanted = name.trim().toLowerCase()
  return wanted !== '' && listed !== undefined && listed.some((profile) => profile.name.trim().toLowerCase() === wanted)
}

/**
 * Step 3: how the profile will be called at the service. A name already there is allowed (services
 * tell profiles apart by id), but said: someone importing again usually meant to update that one.
 */
export function DetailsStep({
  details,
  onChange,
  hasLabels,
  takenAt
}: {
  details: ImportDetails
  onChange(details: ImportDetails): void
  hasLabels: boolean
  /** The destination's name, when it already has a profile of this name. */
  takenAt?: string | undefined
}) {
  const setLabel = (index: number, part: 'key' | 'value', text: string) =>
    onChange({ ...details, labels: details.labels.map((label, at) => (at === index ? { ...label, [part]: text } : label)) })
  return (
    <div className="form">
      <div className="field">
        <label htmlFor="profile-name">Name</label>
        <input
          id="profile-name"
          required
          aria-describedby={takenAt === undefined ? 'name-count' : 'name-count name-taken'}
          value={details.name}
          onChange={(event) => onChange({ ...details, name: event.target.value })}
        />
        <Counter id="name-count" length={details.name.trim().length} max={100} />
        {takenAt !== undefined && (
          <p id="name-taken" className="notice" role="note">
            {takenAt} already has a profile called “{details.name.trim()}”, so this makes a second one. If that one was sent from this
            computer, it can be brought up to date instead: close this, open it from the list and choose Update from this computer.
          </p>
        )}
      </div>
      <div className="field">
        <label htmlFor="profile-description">Description (optional)</label>
        <textarea
          id="profile-description"
          aria-describedby="description-count"
          value={details.description}
          onChange={(event) => onChange({ ...details, description: event.target.value })}
        />
        <Counter id="description-count" length={details.description.trim().length} max={500} />
      </div>
      {hasLabels && (
        <fieldset className="labels-editor">
          <legend>Labels (optional), for finding it later</legend>
          {details.labels.map((label, index) => (
            <div key={index} className="label-row">
              <input
                aria-label={`Label ${index + 1} name`}
                placeholder="team"
                value={label.key}
                // A label just added takes the focus, so keyboard users type straight into it.
                autoFocus={index === details.labels.length - 1 && label.key === '' && label.value === ''}
                onChange={(event) => setLabel(index, 'key', event.target.value)}
              />
              <input
                aria-label={`Label ${index + 1} value`}
                placeholder="sales"
                value={label.value}
                onChange={(event) => setLabel(index, 'value', event.target.value)}
              />
              <button
                type="button"
                className="icon-button"
                aria-label={`Remove label ${index + 1}`}
                onClick={() => onChange({ ...details, labels: details.labels.filter((_, at) => at !== index) })}
              >
                <X aria-hidden="true" size={16} />
              </button>
            </div>
          ))}
          <button
            type="button"
            className="btn ghost"
            onClick={() => onChange({ ...details, labels: [...details.labels, { key: '', value: '' }] })}
          >
            <Plus aria-hidden="true" size={16} /> Add a label
          </button>
        </fieldset>
      )}
    </div>
  )
}
