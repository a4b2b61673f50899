import { Worker } from 'node:worker_threads'
import type { FromPacker, PackJob, SurveyJob, ToPacker } from './pack-worker-protocol'
import { packWorkerScript } from './pack-worker-script'

/**
 * Packing makes many short-lived objects (one set per file); V8's default young generation would
 * grow to tens of MB of resident memory for them. A small one costs more frequent, cheap scavenges.
 */
const YOUNG_GENERATION = { maxYoungGenerationSizeMb: 8 }

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
export function startPackingThread(
  job: PackJob | SurveyJob,
  signal: AbortSignal | undefined,
  handle: (message: FromPacker, tell: (message: ToPacker) => void, settle: (outcome: () => void, reusable?: boolean) => void) => void,
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
    else void worker.terminate()
    outcome()
  }
  worker.on('message', (message: FromPacker) => handle(message, tell, settle))
  worker.on('error', (error) => settle(() => fail(error), false))
  worker.on('exit', (code) => settle(() => fail(new Error(`The packing thread stopped before it finished (exit code ${code}).`)), false))
  tell({ type: 'job', job })
}
