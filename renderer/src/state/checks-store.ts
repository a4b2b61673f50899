import { create } from 'zustand'
import type { CloudCheck } from '../../../shared/domain/check'

interface CheckTarget {
  connectionId: string
  profileId: string
  /** A check already started (its live lines); otherwise the dialog starts with the plan. */
  checkId?: string
}

interface ChecksState {
  /** Checks as main last reported them, by id. */
  live: Record<string, CloudCheck>
  /** The check dialog: which profile it is open for. */
  target: CheckTarget | undefined
  upsert(check: CloudCheck): void
  open(target: CheckTarget): void
  close(): void
}

export const useChecksStore = create<ChecksState>((set) => ({
  live: {},
  target: undefined,
  upsert: (check) => set((state) => ({ live: { ...state.live, [check.id]: check } })),
  open: (target) => set({ target }),
  close: () => set({ target: undefined })
}))
