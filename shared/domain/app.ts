import { z } from 'zod'

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.enum(['win32', 'darwin', 'linux']),
  /** Where the app runs: the desktop shell, or the browser bridge used for tests and `npm run web`. */
  shell: z.enum(['electron', 'bridge'])
})
export type AppInfo = z.infer<typeof AppInfo>
