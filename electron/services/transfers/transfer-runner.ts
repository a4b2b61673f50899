import { randomUUID } from 'node:crypto'
import { PorterError, isCancellation } from '../../../shared/errors'
import { sentence } from '../../../shared/format'
import type { TransferJob, TransferPhase, TransferProgress } from '../../../shared/domain/transfer'
import type { CallContext } from '../api/handlers'
import { explainUnexpected } from '../app/unexpected-error'
import { sleep as realSleep } from '../timing/sleep'
import { throttle } from '../timing/throttle'
import { ProgressMeter } from './progress-meter'
import { withRetry } from './retry'
import { textOrder } from '../../../shared/text-order'

export interface JobContext {
  jobId: string
  signal: AbortSignal
  phase(phase: TransferPhase): void
  progress(bytesDone: number, bytesTotal: number | undefined): void
  /** Runs a step again after transient failures, showing the wait in the window. */
  retry<T>(step: () => Promise<T>): Promise<T>
  /** What undoing could not remove yet, said with the job's end (so "nothing was left behind" is never claimed). */
  leftBehind(text: string): void
}

export type JobResult = Pick<
  TransferJob,
  'profileId' | 'targetFile' | 'portability' | 'replacedProfileId' | 'receiptId' | 'notes' | 'verified'
>

export interface JobSpec {
  kind: TransferJob['kind']
  title: string
  connectionId: string
  /** Two jobs with the same key (one profile) never run at once. */
  key: string
  run(context: JobContext): Promise<JobResult>
}

export type Emit = CallContext['emit']

interface Entry {
  job: TransferJob
  spec: JobSpec
  controller: AbortController
  settled: Promise<TransferJob>
}

export interface RunnerOptions {
  /** Where failures nobody expected are written, beside the error number the person sees. */
  log?: { error(...data: unknown[]): void }
  now?: () => number
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>
  retryBaseMs?: number
}

/** Runs transfer jobs: phases, bytes, speed and ETA at most ten times a second to the window that asked. */
export class TransferRunner {
  private readonly jobs = new Map<string, Entry>()
  private readonly observers = new Set<Emit>()
  private readonly now: () => number
  private readonly sleep: (ms: number, signal?: AbortSignal) => Promise<void>

  constructor(private readonly options: RunnerOptions = {}) {
    this.now = options.now ?? Date.now
    this.sleep = options.sleep ?? realSleep
  }

  /** Every event of every job, for the shell's own signals (taskbar progress, notifications). */
  observe(observer: Emit): () => void {
    this.observers.add(observer)
    return () => {
      this.observers.delete(observer)
    }
  }

  list(): TransferJob[] {
    return [...this.jobs.values()].map((entry) => entry.job).sort((a, b) => textOrder(b.startedAt, a.startedAt))
  }

  get(id: string): TransferJob {
    const entry = this.jobs.get(id)
    if (entry === undefined) throw new PorterError({ code: 'not_found', message: 'That transfer is no longer listed.' })
    return entry.job
  }

  whenSettled(id: string): Promise<TransferJob> {
    return this.jobs.get(id)?.settled ?? Promise.resolve(this.get(id))
  }

  start(spec: JobSpec, emit: Emit): TransferJob {
    this.ensureFree(spec.key)
    return this.launch(randomUUID(), spec, emit, 1)
  }

  retry(id: string, emit: Emit): TransferJob {
    const entry = this.jobs.get(id)
    if (entry === undefined) throw new PorterError({ code: 'not_found', message: 'That transfer is no longer listed.' })
    if (entry.job.status === 'running' || entry.job.status === 'done') {
      throw new PorterError({
        code: 'conflict',
        message: entry.job.status === 'running' ? 'This transfer is still running.' : 'This transfer already finished.'
      })
    }
    this.ensureFree(entry.spec.key)
    return this.launch(id, entry.spec, emit, entry.job.attempt + 1)
  }

  cancel(id: string): void {
    this.jobs.get(id)?.controller.abort()
  }

  /**
   * Ends every running job of one connection with a plain reason (the connection is being removed),
   * and waits until each has cleaned up while its key still works.
   */
  async endFor(connectionId: string, reason: PorterError): Promise<void> {
    const running = [...this.jobs.values()].filter((entry) => entry.job.status === 'running' && entry.spec.connectionId === connectionId)
    for (const entry of running) entry.controller.abort(reason)
    await Promise.all(running.map((entry) => entry.settled))
  }

  /** Cancels every running job and waits until each has cleaned up (temp files, half-made remote profiles). */
  async cancelAll(): Promise<void> {
    const running = [...this.jobs.values()].filter((entry) => entry.job.status === 'running')
    for (const entry of running) entry.controller.abort()
    await Promise.all(running.map((entry) => entry.settled))
  }

  /** Forgets finished jobs; running ones stay. */
  clear(): void {
    for (const [id, entry] of this.jobs) if (entry.job.status !== 'running') this.jobs.delete(id)
  }

  private ensureFree(key: string): void {
    if ([...this.jobs.values()].some((entry) => entry.spec.key === key && entry.job.status === 'running')) {
      throw new PorterError({
        code: 'conflict',
        message: 'This profile is already being transferred.',
        action: 'Wait for that transfer to finish, or cancel it.'
      })
    }
  }

  private launch(id: string, spec: JobSpec, toCaller: Emit, attempt: number): TransferJob {
    const controller = new AbortController()
    const emit: Emit = (event, payload) => {
      toCaller(event, payload)
      for (const observer of this.observers) observer(event, payload)
    }
    const job: TransferJob = {
      id,
      kind: spec.kind,
      title: spec.title,
      connectionId: spec.connectionId,
      phase: 'preparing',
      status: 'running',
      bytesDone: 0,
      attempt,
      startedAt: new Date(this.now()).toISOString()
    }
    const meter = new ProgressMeter(this.now)
    const progress = throttle<TransferProgress>(100, this.now, (payload) => emit('transfers:progress', payload))
    const update = (changes: Partial<TransferJob>) => {
      Object.assign(job, changes)
      emit('transfers:updated', { ...job })
    }
    const context: JobContext = {
      jobId: id,
      signal: controller.signal,
      phase: (phase) => {
        if (phase === job.phase) return
        progress.flush()
        meter.reset()
        delete job.bytesTotal
        delete job.retryingAfter
        update({ phase, bytesDone: 0 })
      },
      progress: (bytesDone, bytesTotal) => {
        // Bytes moving again: the wait for a retry is over.
        if (job.retryingAfter !== undefined) {
          delete job.retryingAfter
          update({})
        }
        job.bytesDone = bytesDone
        if (bytesTotal !== undefined) job.bytesTotal = bytesTotal
        progress.push({
          jobId: id,
          phase: job.phase,
          bytesDone,
          ...(bytesTotal === undefined ? {} : { bytesTotal }),
          ...meter.add(bytesDone, bytesTotal)
        })
      },
      leftBehind: (text) => {
        job.leftBehind = text
      },
      retry: (step) =>
        withRetry(step, {
          signal: controller.signal,
          sleep: this.sleep,
          ...(this.options.retryBaseMs === undefined ? {} : { baseMs: this.options.retryBaseMs }),
          onRetry: (error, waitMs, attempt, attempts) => {
            // The old speed and time left mean nothing while waiting: the window shows the wait instead.
            meter.reset()
            update({
              retryingAfter: `${sentence(error.message)} Waiting to retry (attempt ${attempt} of ${attempts}, in ${Math.ceil(waitMs / 1000)} s)…`
            })
          }
        })
    }
    const settled = (async () => {
      // The caller gets the job (and its id) before the first event, and the job is already listed.
      await Promise.resolve()
      emit('transfers:updated', { ...job })
      try {
        const result = await spec.run(context)
        progress.flush()
        update({ status: 'done', ...result, endedAt: new Date(this.now()).toISOString() })
      } catch (error) {
        progress.flush()
        const endedAt = new Date(this.now()).toISOString()
        // Given up: only the cause and Retry remain, never "waiting to retry".
        delete job.retryingAfter
        const reason: unknown = controller.signal.reason
        // Stopped for a reason of the app's own (its connection removed): that reason, not "cancelled".
        if (reason instanceof PorterError && reason.code !== 'cancelled')
          update({ status: 'failed', error: { ...reason.toData(), phase: job.phase }, endedAt })
        else if (isCancellation(error) || controller.signal.aborted) update({ status: 'cancelled', endedAt })
        else update({ status: 'failed', error: { ...describe(error, this.options.log), phase: job.phase }, endedAt })
      }
      return { ...job }
    })()
    this.jobs.set(id, { job, spec, controller, settled })
    return { ...job }
  }
}

function describe(error: unknown, log: RunnerOptions['log'] = console) {
  if (error instanceof PorterError) return error.toData()
  return explainUnexpected(error, (message, cause) => log.error(message, cause))
}
