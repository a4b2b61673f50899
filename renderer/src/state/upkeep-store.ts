import { create } from 'zustand'
import type { UpdateState } from '../../../shared/domain/update'

interface UpkeepState {
  update: UpdateState
  reportOpen: boolean
  setUpdate(update: UpdateState): void
  setReportOpen(open: boolean): void
}

/** The app's own upkeep as the window shows it: where updating stands, and the report dialog. */
export const useUpkeepStore = create<UpkeepState>((set) => ({
  update: { status: 'off' },
  reportOpen: false,
  setUpdate: (update) => set({ update }),
  setReportOpen: (reportOpen) => set({ reportOpen })
}))
