import { PorterError } from '../../../shared/errors'
import type { TransferJob } from '../../../shared/domain/transfer'
import { cancelledAtCtrlC } from '../cancelled-at-ctrl-c'

/** A finished job as an exit: done, or the same plain cause the window shows. */
export function settle(job: TransferJob): TransferJob {
  // "Nothing was left behind" only when undoing went through; otherwise what is still there, and when it goes.
  if (job.status === 'cancelled') throw cancelledAtCtrlC(job.leftBehind)
  if (job.status === 'failed' && job.error !== undefined)
    throw new PorterError({
      ...job.error,
      ...(job.leftBehind === undefined ? {} : { action: [job.error.action, job.leftBehind].filter(Boolean).join(' ') })
    })
  return job
}
