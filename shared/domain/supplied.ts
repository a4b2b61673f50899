import * as z from 'zod'

/** Sign-ins read through the running browser or from a cookie file: counts per site, never a value. */
export const SuppliedSummary = z.object({
  /** Names them in the import that uses them; they stay in the app's memory until then, for 30 minutes at most. */
  id: z.string(),
  via: z.enum(['browser', 'file']),
  cookies: z.number(),
  sites: z.array(z.object({ site: z.string(), cookies: z.number() }))
})
export type SuppliedSummary = z.infer<typeof SuppliedSummary>

/** Where a Chromium browser's remote-debugging switch is, and whether its version has one (Chrome 144 and later). */
export function liveSwitch(browserId: string, version: string | undefined): { address: string; available: boolean } {
  const address = browserId === 'edge' ? 'edge://inspect/#remote-debugging' : 'chrome://inspect/#remote-debugging'
  const major = Number(version?.split('.')[0] ?? NaN)
  return { address, available: !(major < 144) }
}
