import { z } from 'zod'

/** What happened to a profile's cookies on the way to the cloud (see the portability step). */
export const PortabilityReport = z.object({
  total: z.number(),
  moved: z.number(),
  byScheme: z.record(z.string(), z.object({ found: z.number(), moved: z.number() })),
  notMoved: z.record(z.string(), z.number()),
  sitesNeedingLogin: z.array(z.string()),
  sessionCookiesKept: z.number(),
  passwords: z.object({ found: z.number(), moved: z.number() }).optional(),
  databaseVersion: z.number().optional()
})
