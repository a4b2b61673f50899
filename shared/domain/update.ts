import * as z from 'zod'

/**
 * Where updating the app stands. `off`: not checked here (turned off by IT, a build without an
 * update feed, the development build, the browser version); `idle`: checked, nothing to do;
 * `downloading`: a newer version is coming in the background; `ready`: downloaded and verified,
 * installed when the app quits or restarts; `failed`: a download was thrown away, said in `message`.
 */
export const UpdateState = z.object({
  status: z.enum(['off', 'idle', 'checking', 'downloading', 'ready', 'failed']),
  /** The version being downloaded or ready to install. */
  version: z.string().optional(),
  percent: z.number().min(0).max(100).optional(),
  /** Plain words: why updates are off, or why a download was thrown away. */
  message: z.string().optional()
})
export type UpdateState = z.infer<typeof UpdateState>

/** What main asks the window to do when a menu item needs the window (the report preview). */
export const AppCommand = z.enum(['saveReport'])
export type AppCommand = z.infer<typeof AppCommand>

/** One file of a report for IT, shown in full before it is saved. */
const ReportFile = z.object({ name: z.string(), text: z.string() })
export const ReportPreview = z.object({ id: z.string(), files: z.array(ReportFile) })
export type ReportPreview = z.infer<typeof ReportPreview>
