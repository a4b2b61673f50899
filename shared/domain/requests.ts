import * as z from 'zod'
import { Labels, ProfileDescription, ProfileName } from './profile'
import { IncludeOptions, SiteChoice } from './sites'

/** https for real services; plain http only on this computer (the reference cloud). */
export const ServiceUrl = z
  .string()
  .trim()
  .url('Enter a full address, like https://agp.eu.hcompany.ai.')
  // Every check runs even when .url() failed, so each parses defensively: "notaurl" gets the .url() sentence alone.
  .refine((value) => {
    if (!URL.canParse(value)) return true
    const url = new URL(value)
    return url.protocol === 'https:' || (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname))
  }, 'The address must start with https://.')
  .refine(
    (value) => !URL.canParse(value) || (new URL(value).username === '' && new URL(value).password === ''),
    'The address must not contain a user name or password.'
  )

export const ConnectionName = z.string().trim().min(1, 'Give the connection a name.').max(60, 'Names can be at most 60 characters.')
export const ApiKey = z.string().trim().min(8, 'That API key looks too short.').max(1000)
export const Id = z.string().min(1).max(200)

export const NewConnectionInput = z.object({
  kind: z.enum(['hcompany', 'webrun']),
  name: ConnectionName,
  baseUrl: ServiceUrl,
  apiKey: ApiKey
})
export type NewConnectionInput = z.infer<typeof NewConnectionInput>

export const ImportInput = z.object({
  connectionId: Id,
  ref: z.string().min(1).max(500),
  name: ProfileName,
  description: ProfileDescription.optional(),
  labels: Labels.optional(),
  /** Which sites travel: only the chosen ones, or everything. Asked for, never assumed. */
  choice: SiteChoice,
  include: IncludeOptions.optional(),
  /** Sign-ins read through the browser or from a cookie file just before (browsers:readLive, browsers:readCookieFile). */
  supplied: Id.optional(),
  /** Upload nothing when the chosen sites have cookies and none of them can be read (the CLI's default). */
  requireSignIns: z.boolean().optional()
})
export type ImportInput = z.infer<typeof ImportInput>

/** A profile on this computer, and what of it would travel. */
export const PackInput = z.object({
  ref: z.string().min(1).max(500),
  choice: SiteChoice.optional(),
  include: IncludeOptions.optional()
})
