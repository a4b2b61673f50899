import { z } from 'zod'

export const TransferPhase = z.enum([
  'preparing',
  'archiving',
  'uploading',
  'finalizing',
  'verifying',
  'downloading'
])
export type TransferPhase = z.infer<typeof TransferPhase>

export const TransferProgress = z.object({
  jobId: z.string(),
  phase: TransferPhase,
  bytesDone: z.number().nonnegative(),
  bytesTotal: z.number().nonnegative().optional(),
  bytesPerSecond: z.number().nonnegative().optional(),
  etaSeconds: z.number().nonnegative().optional()
})
export type TransferProgress = z.infer<typeof TransferProgress>
