import { SingleBar } from 'cli-progress'
import type { TransferJob, TransferProgress } from '../../shared/domain/transfer'
import { progressWords } from '../../shared/format'
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
  /** Ends the bar for good (done, failed or Ctrl-C): nothing is drawn after it. */
  stop(): void
}

/**
 * A progress bar with sizes, speed and time left on a terminal; plain lines every 10% otherwise.
 * Both on stderr, in the words the window uses; every field the bar shows is filled before it is drawn.
 */
export function progressPrinter(interactive: boolean, stderr: NodeJS.WritableStream = process.stderr): ProgressPrinter {
  let bar: SingleBar | undefined
  let current = ''
  let lastTenth = -1
  let stopped = false
  const fields = (progress: TransferProgress) => {
    const words = progressWords(progress)
    return { phase: phaseWords[progress.phase], amount: words.amount ?? '', speed: words.speed ?? '…', left: words.left ?? '…' }
  }
  return {
    progress(progress) {
      if (stopped || progress.bytesTotal === undefined) return
      if (interactive) {
        bar ??= new SingleBar({
          // Only our own fields: cli-progress's {total}, {value} and {eta} are raw numbers.
          format: '{phase} [{bar}] {percentage}% | {amount} | {speed} | {left}',
          stream: stderr,
          hideCursor: true,
          clearOnComplete: true
        })
        if (!bar.isActive) bar.start(progress.bytesTotal, progress.bytesDone, fields(progress))
        bar.setTotal(progress.bytesTotal)
        bar.update(progress.bytesDone, fields(progress))
        return
      }
      const tenth = Math.floor((progress.bytesDone / Math.max(1, progress.bytesTotal)) * 10)
      if (tenth !== lastTenth) {
        lastTenth = tenth
        stderr.write(`${phaseWords[progress.phase]} ${tenth * 10}% (${fields(progress).amount})\n`)
      }
    },
    phase(phase, retrying) {
      if (stopped) return
      if (phase !== current) {
        current = phase
        lastTenth = -1
        bar?.stop()
        bar = undefined
        if (!interactive) stderr.write(`${phaseWords[phase]}…\n`)
      }
      if (retrying !== undefined) stderr.write(`${retrying}\n`)
    },
    stop: () => {
      stopped = true
      bar?.stop()
      bar = undefined
    }
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
    // The bar ends before the word: what cancelling does next (clean-up) draws no more bars.
    printer.stop()
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
