import * as z from 'zod'
import { PorterErrorData } from '../error-data'

/** What the cloud browser showed for a site; `not_checked` when the check ended before reaching it. */
export const SiteState = z.enum(['signed_in', 'login_page', 'second_factor', 'blocked', 'unreachable', 'unknown', 'not_checked'])
export type SiteState = z.infer<typeof SiteState>

/** What the import expected from the cookies it moved (before any cloud browser looked). */
export const Prediction = z.enum(['signed_in', 'signed_out', 'unknown'])
export type Prediction = z.infer<typeof Prediction>

export const CheckedSite = z.object({
  /** As the person named it: a site ("example.com") or a full address. */
  site: z.string(),
  /** The address the cloud browser was asked to open. */
  url: z.string(),
  /** The live line: waiting for its turn, being opened, or done. */
  progress: z.enum(['waiting', 'opening', 'done']),
  state: SiteState.optional(),
  finalUrl: z.string().optional(),
  title: z.string().optional(),
  /** The service's (or its agent's) one sentence about the page. */
  evidence: z.string().optional(),
  /** The service's own record of the page, apart from its agent's answer: the address its browser was on. */
  serviceRecord: z.string().optional(),
  predicted: Prediction,
  /** What to do about this site, in plain words (a second step, a device-bound sign-in …). */
  note: z.string().optional()
})
export type CheckedSite = z.infer<typeof CheckedSite>

export const ProfileFacts = z.object({
  checksum: z.string().optional(),
  sizeBytes: z.number().optional(),
  updatedAt: z.string().optional()
})
export type ProfileFacts = z.infer<typeof ProfileFacts>

/** How the check kept the person's profile as it was, and the proof: the profile's facts before and after. */
export const ReadOnlyProof = z.object({
  strategy: z.enum(['read-only-session', 'throwaway-copy', 'snapshot-restore']),
  explanation: z.string(),
  before: ProfileFacts,
  after: ProfileFacts.optional(),
  unchanged: z.boolean().optional(),
  /** Snapshot and restore: the service had saved the visit into the profile and the upload was put back. */
  restored: z.boolean().optional()
})
export type ReadOnlyProof = z.infer<typeof ReadOnlyProof>

export const CheckUsage = z.object({
  tokens: z.number().optional(),
  usd: z.number().optional(),
  /** WebRun: the balance it reported when the session started. */
  balance: z.number().optional()
})
export type CheckUsage = z.infer<typeof CheckUsage>

/** One check in the cloud: its sites with a live line each, the session, the read-only proof, and how it ended. */
export const CloudCheck = z.object({
  id: z.string(),
  connection: z.object({ id: z.string(), name: z.string(), kind: z.enum(['hcompany', 'webrun']) }),
  profile: z.object({ id: z.string(), name: z.string() }),
  receiptId: z.string().optional(),
  status: z.enum(['running', 'done', 'failed', 'cancelled']),
  /** What is happening now, in plain words. */
  phase: z.string(),
  startedAt: z.string(),
  finishedAt: z.string().optional(),
  sites: z.array(CheckedSite),
  /** The service gave a live-view address (it stays in main; "Watch live" asks main to open it). */
  liveView: z.boolean(),
  session: z.object({ id: z.string().optional(), seconds: z.number().optional(), ended: z.boolean() }),
  usage: CheckUsage.optional(),
  readOnly: ReadOnlyProof.optional(),
  /** Why it ended before every site was looked at. */
  stopped: z.enum(['timeout', 'cancelled', 'service']).optional(),
  error: PorterErrorData.optional(),
  notes: z.array(z.string())
})
export type CloudCheck = z.infer<typeof CloudCheck>

/** What the window and the CLI show before a check starts: the sites, the cost, and what it cannot promise. */
export const CheckPlan = z.object({
  available: z.boolean(),
  /** Why there is no check here (the library on this computer). */
  unavailable: z.string().optional(),
  serviceName: z.string(),
  profile: z.object({ id: z.string(), name: z.string() }),
  sites: z.array(z.object({ site: z.string(), url: z.string(), predicted: Prediction, note: z.string().optional() })),
  /** Sites of the receipt past the first five, offered but not ticked. */
  more: z.array(z.string()),
  /** Whether this computer keeps a receipt of the profile's upload, which the sites come from when none are named. */
  receipt: z.boolean(),
  cost: z.array(z.string()),
  readOnly: z.string(),
  warnings: z.array(z.string()),
  /** Known before starting: nothing would run (no credits, every session slot busy). */
  blocked: PorterErrorData.optional()
})
export type CheckPlan = z.infer<typeof CheckPlan>

export const CheckSiteInput = z.string().trim().min(1, 'Name a site or an address.').max(2000)

/** What a receipt keeps of each check of its upload ("verified at"): counts and states, no page text. */
export const ReceiptCheck = z.object({
  at: z.string(),
  checkId: z.string(),
  signedIn: z.number(),
  total: z.number(),
  sites: z.array(z.object({ site: z.string(), state: SiteState }))
})
export type ReceiptCheck = z.infer<typeof ReceiptCheck>
