import type { ProfileStatus } from '../../../../shared/domain/profile'

const words: Record<ProfileStatus, string> = { empty: 'Empty', uploading: 'Uploading', ready: 'Ready', failed: 'Failed' }

export function StatusBadge({ status }: { status: ProfileStatus }) {
  return <span className={`badge status-${status}`}>{words[status]}</span>
}

export function LabelChips({ labels }: { labels: Record<string, string> | undefined }) {
  const entries = Object.entries(labels ?? {})
  if (entries.length === 0) return null
  return (
    <span className="chips">
      {entries.map(([key, value]) => (
        <span key={key} className="chip">
          {key}={value}
        </span>
      ))}
    </span>
  )
}
