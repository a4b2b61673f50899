import * as z from 'zod'

export const CookieSource = z.enum(['disk', 'browser', 'file'])
export type CookieSource = z.infer<typeof CookieSource>

export const SiteCookies = z.object({
  site: z.string(),
  found: z.number(),
  moved: z.number(),
  via: z.array(CookieSource),
  notMoved: z.record(z.string(), z.number()).optional()
})
export type SiteCookies = z.infer<typeof SiteCookies>

/** What happened to a profile's cookies on the way to the cloud (see the portability step). */
export const PortabilityReport = z.object({
  total: z.number(),
  moved: z.number(),
  byScheme: z.record(z.string(), z.object({ found: z.number(), moved: z.number() })),
  notMoved: z.record(z.string(), z.number()),
  sitesNeedingLogin: z.array(z.string()),
  sessionCookiesKept: z.number(),
  passwords: z.object({ found: z.number(), moved: z.number() }).optional(),
  /** Per site: cookies found, how many moved and how (from disk, through the browser, from a file), and why not. */
  sites: z.array(SiteCookies).optional(),
  databaseVersion: z.number().optional(),
  /** Why this computer's cookie key could not be had (DPAPI refused, timed out …), in plain words. */
  keyProblem: z.string().optional()
})
