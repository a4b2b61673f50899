import { SingleBar } from 'cli-progress'
import type { TransferJob, TransferProgress } from '../../shared/domain/transfer'
import { formatBytes } from '../../shared/format'
import type { TransferRunner } from '../services/transfers/transfer-runner'

const phaseWords: Record<string, string> = {
  preparing: 'Preparing',
  archiving: 'Packing',
  uploading: 'Uploading',
  finalizing: 'Finishing',
  verifying: 'Verifying',
  downloading: 'Downloading'
}

export interface ProgressPrinter {
  progress(progress: TransferProgress): void
  phase(phase: string, retrying?: string): void
  stop(): void
}

/** A progress bar with speed and ETA on a terminal; plain lines every 10% otherwise. Both on stderr. */
export function progressPrinter(interactive: boolean, stderr: NodeJS.WritableStream = process.stderr): ProgressPrinter {
  let bar: SingleBar | undefined
  let current = ''
  let lastTenth = -1
  return {
    progress(progress) {
      if (progress.bytesTotal === undefined) return
      if (interactive) {
        bar ??= new SingleBar({
          format: '{phase} [{bar}] {percentage}% | {done} of {total} | {speed} | ETA {eta_formatted}',
          stream: stderr,
          hideCursor: true,
          clearOnComplete: true
        })
        if (!bar.isActive) bar.start(progress.bytesTotal, 0)
        bar.setTotal(progress.bytesTotal)
        bar.update(progress.bytesDone, {
          phase: phaseWords[progress.phase],
          done: formatBytes(progress.bytesDone),
          total: formatBytes(progress.bytesTotal),
          speed: progress.bytesPerSecond === undefined ? '…' : `${formatBytes(progress.bytesPerSecond)}/s`
        })
        return
      }
      const tenth = Math.floor((progress.bytesDone / Math.max(1, progress.bytesTotal)) * 10)
      if (tenth !== lastTenth) {
        lastTenth = tenth
        stderr.write(
          `${phaseWords[progress.phase]} ${tenth * 10}% (${formatBytes(progress.bytesDone)} of ${formatBytes(progress.bytesTotal)})\n`
        )
      }
    },
    phase(phase, retrying) {
      if (phase !== current) {
        current = phase
        lastTenth = -1
        bar?.stop()
        bar = undefined
        if (!interactive) stderr.write(`${phaseWords[phase]}…\n`)
      }
      if (retrying !== undefined) stderr.write(`${retrying}\n`)
    },
    stop: () => bar?.stop()
  }
}

/** Runs one transfer in the foreground; Ctrl-C cancels it, which removes what it made. */
export async function runJob(
  runner: TransferRunner,
  start: (emit: (event: string, payload: unknown) => void) => Promise<TransferJob>,
  printer: ProgressPrinter,
  stderr: NodeJS.WritableStream = process.stderr
): Promise<TransferJob> {
  const job = await start((event, payload) => {
    if (event === 'transfers:progress') printer.progress(payload as TransferProgress)
    else printer.phase((payload as TransferJob).phase, (payload as TransferJob).retryingAfter)
  })
  const interrupt = () => {
    stderr.write('\nCancelling…\n')
    runner.cancel(job.id)
  }
  process.once('SIGINT', interrupt)
  process.once('SIGTERM', interrupt)
  try {
    return await runner.whenSettled(job.id)
  } finally {
    printer.stop()
    process.off('SIGINT', interrupt)
    process.off('SIGTERM', interrupt)
  }
}
