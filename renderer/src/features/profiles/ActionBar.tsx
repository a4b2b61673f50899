import { Download, Trash2 } from 'lucide-react'
import type { Capabilities } from '../../../../shared/domain/profile'

interface ActionBarProps {
  count: number
  capabilities: Capabilities
  onDelete(): void
  onDownload(): void
  onClear(): void
}

/** Appears at the bottom when profiles are selected: what can be done to all of them. */
export function ActionBar({ count, capabilities, onDelete, onDownload, onClear }: ActionBarProps) {
  if (count === 0) return null
  return (
    <div className="action-bar" role="region" aria-label="Selected profiles">
      <span>{count} selected</span>
      {capabilities.canDownload && (
        <button type="button" className="btn" onClick={onDownload}>
          <Download aria-hidden="true" size={16} /> Download
        </button>
      )}
      <button type="button" className="btn danger" onClick={onDelete}>
        <Trash2 aria-hidden="true" size={16} /> Delete
      </button>
      <button type="button" className="btn ghost" onClick={onClear}>
        Clear selection
      </button>
    </div>
  )
}
