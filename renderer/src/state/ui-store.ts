import { create } from 'zustand'
import { LOCAL_CONNECTION_ID } from '../../../shared/domain/connection'

interface UiState {
  selectedConnectionId: string
  selectConnection(id: string): void
}

export const useUiStore = create<UiState>((set) => ({
  selectedConnectionId: LOCAL_CONNECTION_ID,
  selectConnection: (id) => set({ selectedConnectionId: id })
}))
