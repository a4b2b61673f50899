import * as z from 'zod'

/** What an update from this computer would change, against the last upload: shown before it starts. */
export const RefreshPreview = z.object({
  lastSentAt: z.string(),
  source: z.object({
    browser: z.string(),
    profile: z.string(),
    /** False when the browser profile it came from is no longer on this computer. */
    found: z.boolean(),
    running: z.boolean()
  }),
  mode: z.enum(['sites', 'everything']),
  /** Sites whose sign-in here is newer than the one sent. */
  newer: z.array(z.string()),
  /** Sites that will travel now and did not last time. */
  added: z.array(z.string()),
  /** Sites sent last time that no longer have cookies here. */
  gone: z.array(z.string()),
  unchanged: z.number(),
  /** False where the service makes a new profile (a new id) in place of the old one. */
  keepsId: z.boolean()
})
export type RefreshPreview = z.infer<typeof RefreshPreview>
