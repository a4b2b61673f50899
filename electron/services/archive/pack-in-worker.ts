import { rm } from 'node:fs/promises'
import { dirname } from 'node:path'
import { Worker } from 'node:worker_threads'
import { isPortabilityStep } from '../portability/make-portable'
import type { CreateArchiveOptions, ProfileArchive } from './create-archive'
import { packWorkerScript } from './pack-worker-script'
import { receiveError, sendError, type FromPacker, type PackJob, type ToPacker } from './pack-worker-protocol'

/**
 * Packing makes many short-lived objects (one set per file); V8's default young generation would
 * grow to tens of MB of resident memory for them. A small one costs more frequent, cheap scavenges.
 */
const YOUNG_GENERATION = { maxYoungGenerationSizeMb: 8 }

function jobOf(options: CreateArchiveOptions): PackJob {
  const step = options.makePortable
  return {
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

/**
 * createProfileArchive, run on a thread of its own: the same options, progress, cancel, errors and
 * result, while the calling thread (Electron's main, which answers the window) stays free. Walking
 * 100,000 files, rewriting databases and compressing never hold up an IPC answer or a progress
 * event. A cancel is complete, its work folder removed, before the promise settles.
 */
export function packInWorker(options: CreateArchiveOptions): Promise<ProfileArchive> {
  options.signal?.throwIfAborted()
  const script = packWorkerScript()
  const worker = new Worker(script.file, { workerData: jobOf(options), execArgv: script.execArgv, resourceLimits: YOUNG_GENERATION })
  const tell = (message: ToPacker) => worker.postMessage(message)
  const abort = () => tell({ type: 'abort' })
  options.signal?.addEventListener('abort', abort, { once: true })
  return new Promise<ProfileArchive>((resolve, reject) => {
    let settled = false
    const settle = (outcome: () => void) => {
      if (settled) return
      settled = true
      options.signal?.removeEventListener('abort', abort)
      outcome()
    }
    worker.on('message', (message: FromPacker) => {
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
      } else
        settle(() => {
          if (options.signal?.aborted === true) return reject(options.signal.reason)
          reject(receiveError(message.error, () => options.limit?.exceeded() ?? new Error('The archive grew past its limit.')))
        })
    })
    worker.on('error', (error) => settle(() => reject(error)))
    worker.on('exit', (code) => settle(() => reject(new Error(`The packing thread stopped before it finished (exit code ${code}).`))))
  })
}
