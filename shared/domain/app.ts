import * as z from 'zod'

export const AppInfo = z.object({
  name: z.string(),
  version: z.string(),
  platform: z.enum(['win32', 'darwin', 'linux']),
  /** Where the app runs: the desktop shell, or the browser bridge used for tests and `npm run web`. */
  shell: z.enum(['electron', 'bridge']),
  /**
   * Where API keys typed into the window are kept: encrypted by the OS across restarts, or only
   * until the app closes (no keyring on this Linux desktop; the browser bridge of `npm run web`).
   */
  keyStorage: z.enum(['os-encrypted', 'session', 'none'])
})
export type AppInfo = z.infer<typeof AppInfo>
