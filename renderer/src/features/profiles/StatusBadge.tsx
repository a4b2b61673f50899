import type { ProfileStatus } from '../../../../shared/domain/profile'

const words: Record<ProfileStatus, string> = { empty: 'Empty', uploading: 'Uploading', ready: 'Ready', failed: 'Failed' }

export function StatusBadge({ status }: { status: ProfileStatus }) {
  return <span className={`badge status-${status}`}>{words[status]}</span>
}

/** Labels as chips: wrapped in the drawer, on one line with an ellipsis (and all of them on hover) in a table row. */
export function LabelChips({ labels, oneLine = false }: { labels: Record<string, string> | undefined; oneLine?: boolean }) {
  const entries = Object.entries(labels ?? {})
  if (entries.length === 0) return null
  return (
    <span
      className={oneLine ? 'chips one-line' : 'chips'}
      title={oneLine ? entries.map(([key, value]) => `${key}=${value}`).join(', ') : undefined}
    >
      {entries.map(([key, value]) => (
        <span key={key} className="chip">
          {key}={value}
        </span>
      ))}
    </span>
  )
}
