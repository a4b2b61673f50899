import { rm } from 'node:fs/promises'
import { dirname } from 'node:path'
import { isPortabilityStep } from '../portability/make-portable'
import type { CreateArchiveOptions, ProfileArchive } from './create-archive'
import { startPackingThread } from './packing-thread'
import type { PackJob, Survey, SurveyJob } from './pack-worker-protocol'
import { receiveError, sendError } from './sent-error'

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
          const dispose = () => rm(dirname(file), { recursive: true, force: true })
          settle(() => {
            // A cancel that came while the finished archive was on its way still wins, and keeps nothing.
            if (options.signal?.aborted === true)
              return void dispose()
                .catch(() => undefined)
                .then(() => reject(options.signal?.reason))
            resolve({ ...message.archive, format: options.format, dispose })
          })
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

/**
 * After looking at more files than this, the thread is not kept for the packing that follows: its
 * heap holds that walk until a collection it may never need, and the packing's own walk piled on
 * top (100k files: a fresh thread peaked at 161–163 MB against 175–181; starting one costs ~50 ms
 * of a 4.5 s import). Below it, the kept thread saves the packing that start.
 */
const KEEP_AFTER_FILES = 20_000

/** Pre-flight's walk and size estimate, on the packing thread: a 100,000-file profile is looked at without holding up the window. */
export function surveyInWorker(job: Omit<SurveyJob, 'kind'>, signal?: AbortSignal): Promise<Survey> {
  signal?.throwIfAborted()
  return new Promise<Survey>((resolve, reject) =>
    startPackingThread(
      { kind: 'survey', ...job },
      signal,
      (message, _tell, settle) => {
        if (message.type === 'surveyed') settle(() => resolve(message.survey), message.survey.files <= KEEP_AFTER_FILES)
        else if (message.type === 'failed')
          settle(() => reject(signal?.aborted === true ? signal.reason : receiveError(message.error, () => new Error('No limit here.'))))
      },
      reject
    )
  )
}
