import { create } from 'zustand'
import type { AppNotice } from '../../../shared/domain/notice'

interface BannersState {
  banners: AppNotice[]
  show(notices: AppNotice[]): void
  dismiss(id: string): void
}

/** What main had to say at start-up: kept in the window's flow until dismissed, never floating over it. */
export const useBanners = create<BannersState>((set) => ({
  banners: [],
  show: (notices) => set((state) => ({ banners: [...state.banners, ...notices] })),
  dismiss: (id) => set((state) => ({ banners: state.banners.filter((banner) => banner.id !== id) }))
}))
