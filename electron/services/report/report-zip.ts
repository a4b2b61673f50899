import { randomBytes } from 'node:crypto'
import { rename, rm } from 'node:fs/promises'
import type { ArchiveEntry } from '../archive/entries'
import { HashingFileSink } from '../archive/hashing-sink'
import { writeZip } from '../archive/zip-writer'
import type { ReportFile } from './report-contents'

/** One zip the person can e-mail, written beside the target and renamed over it (the save dialog already asked). */
export async function writeReportZip(files: ReportFile[], target: string, now: Date): Promise<void> {
  const temp = `${target}.${randomBytes(4).toString('hex')}.tmp`
  const entries: ArchiveEntry[] = files.map((file) => {
    const data = Buffer.from(file.text, 'utf8')
    return { path: file.name, size: data.length, mtimeMs: now.getTime(), mode: 0o600, source: { data } }
  })
  const sink = await HashingFileSink.open(temp)
  try {
    await writeZip(entries, sink, { level: 6 })
    await sink.close()
    await rename(temp, target)
  } catch (error) {
    await sink.abandon()
    await rm(temp, { force: true })
    throw error
  }
}
