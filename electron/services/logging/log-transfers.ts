import type { TransferJob } from '../../../shared/domain/transfer'
import type { Emit } from '../transfers/transfer-runner'
import type { Log } from './logger'

function seconds(job: TransferJob): string {
  if (job.endedAt === undefined) return ''
  return ` in ${((Date.parse(job.endedAt) - Date.parse(job.startedAt)) / 1000).toFixed(1)} s`
}

/**
 * One log line when a transfer starts and one when it ends, with its outcome: what IT needs to
 * follow a problem, without the profile's name (the title) or any file.
 */
export function logTransferOutcomes(log: Log): Emit {
  const logged = new Map<string, string>()
  return (event, payload) => {
    if (event !== 'transfers:updated') return
    const job = payload as TransferJob
    // Every change of a job is an event; only a new status (or a new attempt) is a line.
    const key = `${job.status}:${job.attempt}`
    if (logged.get(job.id) === key) return
    logged.set(job.id, key)
    const name = `${job.kind} ${job.id.slice(0, 8)}`
    if (job.status === 'running') {
      log.info(`Transfer ${name} started (attempt ${job.attempt}, connection ${job.connectionId.slice(0, 8)}).`)
    } else if (job.status === 'failed') {
      log.warn(`Transfer ${name} failed while ${job.phase}${seconds(job)}: ${job.error?.code ?? 'internal'} — ${job.error?.message ?? ''}`)
    } else {
      log.info(
        `Transfer ${name} ${job.status === 'done' ? 'finished' : 'was cancelled'}${seconds(job)} (${job.bytesDone} bytes in its last phase).`
      )
    }
  }
}
