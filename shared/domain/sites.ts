import * as z from 'zod'

export const SiteCategory = z.enum(['email', 'banking', 'identity', 'health'])
export type SiteCategory = z.infer<typeof SiteCategory>

/**
 * One host a browser profile holds sign-ins or data for: what the person chooses from before
 * anything is packed. Hosts of one registrable domain are shown together under it.
 */
export const SiteRow = z.object({
  /** The host ("bank.example.com"): what choosing this row sends, with the parent-domain cookies it needs. */
  host: z.string(),
  /** Its registrable domain ("example.co.uk"), or the host itself for names only this computer knows. */
  site: z.string(),
  /** False for localhost, IP addresses, *.local, *.internal …: never sent when choosing sites. */
  public: z.boolean(),
  /** The cookies this host would take along: its own, and those its parent domains share with it. */
  cookies: z.number(),
  /** A persistent cookie with a sign-in name, or a saved password. */
  signedIn: z.boolean(),
  savedLogins: z.number(),
  lastVisit: z.string().optional(),
  /** Local Storage and IndexedDB bytes of the site's origins. */
  storageBytes: z.number(),
  category: z.object({ id: SiteCategory, reason: z.string() }).optional(),
  deviceBound: z.string().optional(),
  /** Ticked when the list first shows: signed in, public, and not in a sensitive category. */
  suggested: z.boolean()
})
export type SiteRow = z.infer<typeof SiteRow>

/** What travels besides the chosen sites' own data; each is left out unless asked for. */
export const IncludeOptions = z.object({
  history: z.boolean().optional(),
  bookmarks: z.boolean().optional(),
  autofill: z.boolean().optional(),
  passwords: z.boolean().optional()
})
export type IncludeOptions = z.infer<typeof IncludeOptions>

/**
 * Only the sites chosen (the careful default), or the whole profile as it is. Sites are named by
 * host ("bank.example.com": its own data and the parent-domain cookies it needs, never a sibling
 * host's); "*.example.com" names every host of a site.
 */
export const SiteChoice = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('sites'), sites: z.array(z.string().min(1).max(253)).min(1, 'Choose at least one site.').max(5000) }),
  z.object({ mode: z.literal('everything') })
])
export type SiteChoice = z.infer<typeof SiteChoice>
