import { randomUUID } from 'node:crypto'
import { PorterError } from '../../../shared/errors'
import type { ReportPreview } from '../../../shared/domain/update'
import { reportFiles, type ReportFile, type ReportSources } from './report-contents'
import { writeReportZip } from './report-zip'

export interface ReportService {
  /** The report as it would be saved, every file in full, for the person to read first. */
  preview(): Promise<ReportPreview>
  /** Saves exactly what was previewed, where the person chooses; null when they cancel. */
  save(id: string): Promise<string | null>
  /** Without a preview (the error dialog): made now and saved where the person chooses. */
  saveNow(): Promise<string | null>
}

export function createReportService(
  sources: ReportSources,
  chooseSavePath: (suggestedName: string, title?: string) => Promise<string | undefined>
): ReportService {
  let previewed: { id: string; files: ReportFile[] } | undefined

  async function saveFiles(files: ReportFile[]): Promise<string | null> {
    const now = sources.now()
    const stamp = now.toISOString().slice(0, 16).replace('T', ' ').replace(':', '.')
    const target = await chooseSavePath(`Profile Porter report ${stamp}.zip`, 'Save a report for IT')
    if (target === undefined) return null
    await writeReportZip(files, target, now)
    return target
  }

  return {
    async preview() {
      previewed = { id: randomUUID(), files: await reportFiles(sources) }
      return previewed
    },
    async save(id) {
      if (previewed?.id !== id)
        throw new PorterError({ code: 'not_found', message: 'That report is no longer ready.', action: 'Open the report again.' })
      return saveFiles(previewed.files)
    },
    async saveNow() {
      return saveFiles(await reportFiles(sources))
    }
  }
}
