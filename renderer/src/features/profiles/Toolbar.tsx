import { Search } from 'lucide-react'
import { useUiStore } from '../../state/ui-store'

export function Toolbar({ labels }: { labels: string[] }) {
  const { search, setSearch, statusFilter, setStatusFilter, labelFilter, setLabelFilter } = useUiStore()
  return (
    <div className="toolbar" role="search">
      <label className="search-field">
        <Search aria-hidden="true" size={16} />
        <span className="visually-hidden">Search by name or label</span>
        <input type="search" placeholder="Search by name or label" value={search} onChange={(event) => setSearch(event.target.value)} />
      </label>
      <label>
        <span className="visually-hidden">Status</span>
        <select value={statusFilter} onChange={(event) => setStatusFilter(event.target.value as typeof statusFilter)}>
          <option value="all">All statuses</option>
          <option value="ready">Ready</option>
          <option value="uploading">Uploading</option>
          <option value="empty">Empty</option>
          <option value="failed">Failed</option>
        </select>
      </label>
      {labels.length > 0 && (
        <label>
          <span className="visually-hidden">Label</span>
          <select value={labelFilter} onChange={(event) => setLabelFilter(event.target.value)}>
            <option value="">All labels</option>
            {labels.map((label) => (
              <option key={label} value={label}>
                {label}
              </option>
            ))}
          </select>
        </label>
      )}
    </div>
  )
}
