import { Plus, X } from 'lucide-react'

export interface ImportDetails {
  name: string
  description: string
  labels: Array<{ key: string; value: string }>
}

/** Step 2: how the profile will be called at the service. */
export function DetailsStep({ details, onChange, hasLabels }: { details: ImportDetails; onChange(details: ImportDetails): void; hasLabels: boolean }) {
  const setLabel = (index: number, part: 'key' | 'value', text: string) =>
    onChange({ ...details, labels: details.labels.map((label, at) => (at === index ? { ...label, [part]: text } : label)) })
  return (
    <div className="form">
      <label>
        Name
        <input required maxLength={100} value={details.name} onChange={(event) => onChange({ ...details, name: event.target.value })} />
      </label>
      <label>
        Description (optional)
        <textarea maxLength={500} value={details.description} onChange={(event) => onChange({ ...details, description: event.target.value })} />
      </label>
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
              <input aria-label={`Label ${index + 1} value`} placeholder="sales" value={label.value} onChange={(event) => setLabel(index, 'value', event.target.value)} />
              <button type="button" className="icon-button" aria-label={`Remove label ${index + 1}`} onClick={() => onChange({ ...details, labels: details.labels.filter((_, at) => at !== index) })}>
                <X aria-hidden="true" size={16} />
              </button>
            </div>
          ))}
          <button type="button" className="btn ghost" onClick={() => onChange({ ...details, labels: [...details.labels, { key: '', value: '' }] })}>
            <Plus aria-hidden="true" size={16} /> Add a label
          </button>
        </fieldset>
      )}
    </div>
  )
}
