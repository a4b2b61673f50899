import { create } from 'zustand'
import type { TransferJob, TransferProgress } from '../../../shared/domain/transfer'

interface TransfersState {
  jobs: Record<string, TransferJob>
  progress: Record<string, TransferProgress>
  upsert(job: TransferJob): void
  report(progress: TransferProgress): void
  replaceAll(jobs: TransferJob[]): void
}

/** Transfer state lives in the window between events; the list of jobs comes from main. */
export const useTransfersStore = create<TransfersState>((set) => ({
  jobs: {},
  progress: {},
  upsert: (job) => set((state) => ({ jobs: { ...state.jobs, [job.id]: job } })),
  report: (progress) => set((state) => ({ progress: { ...state.progress, [progress.jobId]: progress } })),
  replaceAll: (jobs) => set({ jobs: Object.fromEntries(jobs.map((job) => [job.id, job])) })
}))
