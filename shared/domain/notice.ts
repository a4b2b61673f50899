import * as z from 'zod'

/** Something the person must hear about once, from start-up or from work done in the background. */
export const AppNotice = z.object({
  id: z.string(),
  tone: z.enum(['info', 'warning']),
  message: z.string(),
  action: z.string().optional()
})
export type AppNotice = z.infer<typeof AppNotice>
