import * as z from 'zod'

export const BrowserFamily = z.enum(['chromium', 'firefox'])
export type BrowserFamily = z.infer<typeof BrowserFamily>

export const RunningState = z.enum(['running', 'not-running', 'elsewhere', 'unknown'])
export type RunningState = z.infer<typeof RunningState>

/** A browser profile found on this computer. */
export const DetectedProfile = z.object({
  /** Short reference for people and scripts, e.g. `chrome:Default` or `firefox:default-release`. */
  ref: z.string(),
  browserId: z.string(),
  browserName: z.string(),
  family: BrowserFamily,
  channel: z.string(),
  packaging: z.enum(['native', 'flatpak', 'snap', 'msix']),
  /** Chromium: the user-data folder; Firefox: the folder holding profiles.ini. */
  userDataDir: z.string(),
  profileDir: z.string(),
  /** The folder's own name (`Profile 3`, `abcd.default-release`). */
  folderName: z.string(),
  /** The name a person knows: the profile name shown by the browser, or the Google account name. */
  name: z.string(),
  email: z.string().optional(),
  lastActiveAt: z.string().optional(),
  browserVersion: z.string().optional(),
  running: RunningState,
  isDefault: z.boolean().optional()
})
export type DetectedProfile = z.infer<typeof DetectedProfile>

/** What an archive of the profile would hold, after the leave-out rules (caches are never measured). */
export const ProfileSize = z.object({
  uploadBytes: z.number(),
  uploadFiles: z.number()
})
export type ProfileSize = z.infer<typeof ProfileSize>
