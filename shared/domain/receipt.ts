import * as z from 'zod'
import { ReceiptCheck } from './check'
import { ConnectionKind } from './connection'
import { SiteCookies } from './portability'
import { IncludeOptions, SiteChoice } from './sites'

export const SentSite = z.object({
  site: z.string(),
  cookies: z.number(),
  /** When the newest of the site's cookies was set: a later one here means a newer sign-in. */
  updatedAt: z.string().optional()
})
export type SentSite = z.infer<typeof SentSite>

/**
 * What one upload sent, kept on this computer for the person and their IT department: where it
 * went, which sites, what stayed behind and why, and the archive's checksum. Never a cookie value
 * or a key.
 */
export const Receipt = z.object({
  id: z.string(),
  kind: z.enum(['import', 'refresh']),
  at: z.string(),
  connection: z.object({
    id: z.string(),
    name: z.string(),
    kind: ConnectionKind,
    /** Which account at which service (never a key): finds the connection again after it is removed and added back. */
    account: z.string().optional()
  }),
  profile: z.object({ id: z.string(), name: z.string() }),
  /** A refresh that had to make a new profile (H Company): the one it replaced. */
  replacedProfileId: z.string().optional(),
  source: z.object({ ref: z.string(), browser: z.string(), profile: z.string(), email: z.string().optional() }),
  choice: SiteChoice,
  include: IncludeOptions,
  sites: z.array(SentSite),
  leftOut: z.array(z.object({ reason: z.string(), count: z.number() })),
  notes: z.array(z.string()),
  /** The encryption census: cookies per scheme, and how many were made readable by the cloud's browser. */
  cookies: z.object({ total: z.number(), byScheme: z.record(z.string(), z.number()), moved: z.number().optional() }).optional(),
  /** Per site, how its sign-ins travelled: from disk, through the browser, from a cookie file; and what stayed behind. */
  signIns: z.array(SiteCookies).optional(),
  archive: z.object({ format: z.enum(['zip', 'tgz']), bytes: z.number(), sha256: z.string() }),
  /** Checks in the cloud of this upload, oldest first. */
  cloudChecks: z.array(ReceiptCheck).optional()
})
export type Receipt = z.infer<typeof Receipt>
