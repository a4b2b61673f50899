import { create } from 'zustand'
import { LOCAL_CONNECTION_ID } from '../../../shared/domain/connection'
import type { ProfileStatus } from '../../../shared/domain/profile'

export type SortKey = 'name' | 'browser' | 'status' | 'usageCount' | 'lastUsedAt' | 'sizeBytes' | 'createdAt'

interface UiState {
  selectedConnectionId: string
  search: string
  statusFilter: ProfileStatus | 'all'
  labelFilter: string
  sort: { key: SortKey; direction: 'asc' | 'desc' }
  selectedIds: ReadonlySet<string>
  detailsId: string | undefined
  selectConnection(id: string): void
  setSearch(search: string): void
  setStatusFilter(status: UiState['statusFilter']): void
  setLabelFilter(label: string): void
  sortBy(key: SortKey): void
  toggleSelected(id: string): void
  setSelection(ids: Iterable<string>): void
  showDetails(id: string | undefined): void
}

export const useUiStore = create<UiState>((set) => ({
  selectedConnectionId: LOCAL_CONNECTION_ID,
  search: '',
  statusFilter: 'all',
  labelFilter: '',
  sort: { key: 'createdAt', direction: 'desc' },
  selectedIds: new Set(),
  detailsId: undefined,
  selectConnection: (id) =>
    set({ selectedConnectionId: id, selectedIds: new Set(), detailsId: undefined, search: '', statusFilter: 'all', labelFilter: '' }),
  setSearch: (search) => set({ search }),
  setStatusFilter: (statusFilter) => set({ statusFilter }),
  setLabelFilter: (labelFilter) => set({ labelFilter }),
  sortBy: (key) =>
    set((state) => ({ sort: { key, direction: state.sort.key === key && state.sort.direction === 'asc' ? 'desc' : 'asc' } })),
  toggleSelected: (id) =>
    set((state) => {
      const next = new Set(state.selectedIds)
      if (next.has(id)) next.delete(id)
      else next.add(id)
      return { selectedIds: next }
    }),
  setSelection: (ids) => set({ selectedIds: new Set(ids) }),
  showDetails: (detailsId) => set({ detailsId })
}))
