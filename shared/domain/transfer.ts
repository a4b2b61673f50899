import * as z from 'zod'
import { PorterErrorData } from '../error-data'
import { PortabilityReport } from './portability'

export const TransferPhase = z.enum(['preparing', 'archiving', 'uploading', 'finalizing', 'verifying', 'downloading'])
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

const TransferStatus = z.enum(['running', 'done', 'failed', 'cancelled'])

/** A long piece of work the window shows in the transfers panel. */
export const TransferJob = z.object({
  id: z.string(),
  kind: z.enum(['import', 'refresh', 'download']),
  title: z.string(),
  connectionId: z.string(),
  phase: TransferPhase,
  status: TransferStatus,
  bytesDone: z.number(),
  bytesTotal: z.number().optional(),
  attempt: z.number(),
  /** When a transient failure is being retried, the cause, so the window can say so. */
  retryingAfter: z.string().optional(),
  error: PorterErrorData.extend({ phase: TransferPhase }).optional(),
  profileId: z.string().optional(),
  /** For imports: which cookies made it and which sites will need a fresh login. */
  portability: PortabilityReport.optional(),
  targetFile: z.string().optional(),
  /** A refresh that made a new profile in place of the old one (H Company): the old id. */
  replacedProfileId: z.string().optional(),
  /** The receipt this upload left in the app's data folder. */
  receiptId: z.string().optional(),
  /** What the person should know about a job that went through: said plainly. */
  notes: z.array(z.string()).optional(),
  /** What the service let us check the upload against: its SHA-256 checksum, or only its size. */
  verified: z.enum(['sha256', 'size']).optional(),
  /** What a cancelled or failed job could not undo yet (a half-made profile at the service), in words. */
  leftBehind: z.string().optional(),
  startedAt: z.string(),
  endedAt: z.string().optional()
})
export type TransferJob = z.infer<typeof TransferJob>
