import * as z from 'zod'
import { ProfileSize } from './detected-profile'

export const ServiceKind = z.enum(['hcompany', 'webrun', 'local'])
export type ServiceKind = z.infer<typeof ServiceKind>

export const Finding = z.object({
  id: z.string(),
  /** blocking: cannot go on until fixed; warning: goes on, but something is lost; info: good to know. */
  severity: z.enum(['blocking', 'warning', 'info']),
  message: z.string()
})
export type Finding = z.infer<typeof Finding>

const CookieCounts = z.object({
  total: z.number(),
  byScheme: z.record(z.string(), z.number()),
  sitesByScheme: z.record(z.string(), z.array(z.string())),
  /** Cookies this computer's key store would not unlock when asked (Windows DPAPI): why, and whose sites. */
  unreadable: z.object({ reason: z.string(), cookies: z.number(), sites: z.array(z.string()) }).optional()
})

export const PreflightReport = z.object({
  service: ServiceKind,
  size: ProfileSize,
  /** About how large the archive will be (sampled, so roughly), and the service's cap if it has one. */
  packedBytes: z.number(),
  limitBytes: z.number().optional(),
  findings: z.array(Finding),
  cookies: CookieCounts.optional()
})
export type PreflightReport = z.infer<typeof PreflightReport>
