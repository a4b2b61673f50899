import type { TransferJob, TransferProgress } from '../../shared/domain/transfer'

/**
 * What the taskbar or dock shows while transfers run: the share of bytes done over all running
 * jobs, 2 (indeterminate) when no running job knows its size yet, -1 when nothing runs.
 */
export function taskbarProgress(jobs: TransferJob[], progress: ReadonlyMap<string, TransferProgress>): number {
  const running = jobs.filter((job) => job.status === 'running')
  if (running.length === 0) return -1
  let done = 0
  let total = 0
  for (const job of running) {
    const live = progress.get(job.id)
    const bytesTotal = live?.bytesTotal ?? job.bytesTotal
    if (bytesTotal === undefined || bytesTotal === 0) continue
    done += live?.bytesDone ?? job.bytesDone
    total += bytesTotal
  }
  return total === 0 ? 2 : Math.min(1, done / total)
}

const doneWords: Record<TransferJob['kind'], string> = {
  import: 'Import finished',
  refresh: 'Update finished',
  download: 'Download finished'
}
const failedWords: Record<TransferJob['kind'], string> = { import: 'Import failed', refresh: 'Update failed', download: 'Download failed' }

/** A notification only for jobs long enough that the person may have looked away, and never for a cancel. */
export function notificationFor(job: TransferJob, minimumSeconds = 20): { title: string; body: string } | undefined {
  if (job.endedAt === undefined || job.status === 'running' || job.status === 'cancelled') return undefined
  const seconds = (Date.parse(job.endedAt) - Date.parse(job.startedAt)) / 1000
  if (seconds < minimumSeconds) return undefined
  if (job.status === 'done') return { title: doneWords[job.kind], body: job.title }
  return { title: failedWords[job.kind], body: [job.error?.message, job.error?.action].filter(Boolean).join(' ') || job.title }
}
