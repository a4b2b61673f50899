import { create } from 'zustand'

interface Notice {
  id: number
  text: string
  /** Each fades after a while; a warning, which asks for something, stays longer. */
  tone: 'success' | 'error' | 'warning'
}

interface NoticesState {
  notices: Notice[]
  push(text: string, tone?: Notice['tone']): void
  dismiss(id: number): void
}

let next = 1

export const useNotices = create<NoticesState>((set) => ({
  notices: [],
  push: (text, tone = 'success') => set((state) => ({ notices: [...state.notices, { id: next++, text, tone }] })),
  dismiss: (id) => set((state) => ({ notices: state.notices.filter((notice) => notice.id !== id) }))
}))
