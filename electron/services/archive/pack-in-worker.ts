import { rm } from 'node:fs/promises'
import { dirname } from 'node:path'
import { Worker } from 'node:worker_threads'
import { isPortabilityStep } from '../portability/make-portable'
import type { CreateArchiveOptions, ProfileArchive } from './create-archive'
import { deflateBatch } from './deflate-help'
import { packWorkerScript } from './pack-worker-script'
import { receiveError, sendError, type FromPacker, type PackJob, type Survey, type SurveyJob, type ToPacker } from './pack-worker-protocol'

/**
 * Packing makes many short-lived objects (one set per file); V8's default young generation would
 * grow to tens of MB of resident memory for them. A small one costs more frequent, cheap scavenges.
 */
const YOUNG_GENERATION = { maxYoungGenerationSizeMb: 8 }

function jobOf(options: CreateArchiveOptions): PackJob {
  const step = options.makePortable
  return {
    kind: 'pack',
    profile: options.profile,
    format: options.format,
    tempRoot: options.tempRoot,
    sourceOs: options.sourceOs,
    ...(options.choice === undefined ? {} : { choice: options.choice }),
    ...(options.include === undefined ? {} : { include: options.include }),
    ...(options.supplied === undefined ? {} : { supplied: options.supplied }),
    ...(options.limit === undefined ? {} : { limitBytes: options.limit.bytes }),
    ...(step === undefined ? {} : { portable: isPortabilityStep(step) ? { runs: 'thread', sourceOs: step.sourceOs } : { runs: 'caller' } })
  }
}

/** What the packing thread asks of this one: the OS's keys (they may prompt, and belong to the app), or a whole portability step. */
async function answer(options: CreateArchiveOptions, question: string, args: unknown[]): Promise<unknown> {
  const step = options.makePortable
  if (step === undefined) throw new Error('Nothing here makes archives portable.')
  if (question === 'makePortable') return step(...(args as Parameters<typeof step>))
  if (!isPortabilityStep(step)) throw new Error(`No key source answers ${question}.`)
  if (question === 'keychainPassword') return step.sources.keychainPassword?.(String(args[0]))
  if (question === 'keyringPasswords') return (await step.sources.keyringPasswords?.(String(args[0]), String(args[1]))) ?? []
  if (question === 'dpapiUnprotect') return step.sources.dpapiUnprotect?.(Buffer.from(args[0] as Uint8Array))
  throw new Error(`No key source answers ${question}.`)
}

/** A thread left from the last job, for the next one (pre-flight, then the import): started and compiled once. */
let idle: { worker: Worker; timer: ReturnType<typeof setTimeout> } | undefined
/** How long an idle thread waits for the next job before it ends and gives its memory back. */
const IDLE_MS = 60_000

function takeThread(): Worker {
  if (idle !== undefined) {
    const { worker, timer } = idle
    idle = undefined
    clearTimeout(timer)
    worker.ref()
    return worker
  }
  const script = packWorkerScript()
  return new Worker(script.file, { execArgv: script.execArgv, resourceLimits: YOUNG_GENERATION })
}

/** Keeps a thread whose job ended for the next job; it never keeps the process alive meanwhile. */
function releaseThread(worker: Worker): void {
  worker.removeAllListeners('message')
  worker.removeAllListeners('error')
  worker.removeAllListeners('exit')
  if (idle !== undefined) return void worker.terminate()
  worker.unref()
  const timer = setTimeout(() => {
    if (idle?.worker === worker) idle = undefined
    void worker.terminate()
  }, IDLE_MS)
  timer.unref()
  idle = { worker, timer }
  worker.once('exit', () => {
    if (idle?.worker === worker) idle = undefined
  })
}

/**
 * Gives a job to a packing thread; `handle` sees each message, `settle` ends the run once (the
 * thread's final answer, its crash, or its exit before answering), and a cancel is passed on.
 */
function startPackingThread(
  job: PackJob | SurveyJob,
  signal: AbortSignal | undefined,
  handle: (message: FromPacker, tell: (message: ToPacker) => void, settle: (outcome: () => void) => void) => void,
  fail: (error: Error) => void
): void {
  const worker = takeThread()
  const tell = (message: ToPacker) => worker.postMessage(message)
  const abort = () => tell({ type: 'abort' })
  signal?.addEventListener('abort', abort, { once: true })
  let settled = false
  const settle = (outcome: () => void, reusable = true) => {
    if (settled) return
    settled = true
    signal?.removeEventListener('abort', abort)
    if (reusable) releaseThread(worker)
    outcome()
  }
  worker.on('message', (message: FromPacker) => {
    if (message.type !== 'deflate') return handle(message, tell, settle)
    // This thread lends its core to small files, a millisecond's batch at a time.
    const { data, sizes } = deflateBatch(message.batch)
    worker.postMessage({ type: 'deflated', id: message.batch.id, data, sizes } satisfies ToPacker, [data])
  })
  worker.on('error', (error) => settle(() => fail(error), false))
  worker.on('exit', (code) => settle(() => fail(new Error(`The packing thread stopped before it finished (exit code ${code}).`)), false))
  tell({ type: 'job', job })
}

/**
 * createProfileArchive, run on a thread of its own: the same options, progress, cancel, errors and
 * result, while the calling thread (Electron's main, which answers the window) stays free. Walking
 * 100,000 files, rewriting databases and compressing never hold up an IPC answer or a progress
 * event. A cancel is complete, its work folder removed, before the promise settles.
 */
export function packInWorker(options: CreateArchiveOptions): Promise<ProfileArchive> {
  options.signal?.throwIfAborted()
  return new Promise<ProfileArchive>((resolve, reject) =>
    startPackingThread(
      jobOf(options),
      options.signal,
      (message, tell, settle) => {
        if (message.type === 'progress') options.onProgress?.(message.event)
        else if (message.type === 'ask')
          answer(options, message.question, message.args).then(
            (value) => tell({ type: 'answer', id: message.id, value }),
            (error: unknown) => tell({ type: 'answer', id: message.id, error: sendError(error) })
          )
        else if (message.type === 'done') {
          const { file } = message.archive
          settle(() =>
            resolve({ ...message.archive, format: options.format, dispose: () => rm(dirname(file), { recursive: true, force: true }) })
          )
        } else if (message.type === 'failed')
          settle(() => {
            if (options.signal?.aborted === true) return reject(options.signal.reason)
            reject(receiveError(message.error, () => options.limit?.exceeded() ?? new Error('The archive grew past its limit.')))
          })
      },
      reject
    )
  )
}

/** Pre-flight's walk and size estimate, on the packing thread: a 100,000-file profile is looked at without holding up the window. */
export function surveyInWorker(job: Omit<SurveyJob, 'kind'>, signal?: AbortSignal): Promise<Survey> {
  signal?.throwIfAborted()
  return new Promise<Survey>((resolve, reject) =>
    startPackingThread(
      { kind: 'survey', ...job },
      signal,
      (message, _tell, settle) => {
        if (message.type === 'surveyed') settle(() => resolve(message.survey))
        else if (message.type === 'failed')
          settle(() => reject(signal?.aborted === true ? signal.reason : receiveError(message.error, () => new Error('No limit here.'))))
      },
      reject
    )
  )
}
