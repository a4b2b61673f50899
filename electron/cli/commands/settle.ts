import { PorterError } from '../../../shared/errors'
import type { TransferJob } from '../../../shared/domain/transfer'

/** A finished job as an exit: done, or the same plain cause the window shows. */
export function settle(job: TransferJob): TransferJob {
  if (job.status === 'cancelled') throw new PorterError({ code: 'cancelled', message: 'Cancelled. Nothing was left behind.' })
  if (job.status === 'failed' && job.error !== undefined) throw new PorterError(job.error)
  return job
}
