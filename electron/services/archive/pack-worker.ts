import { parentPort, workerData } from 'node:worker_threads'
import type { KeySources } from '../portability/key-sources'
import { portabilityStep } from '../portability/make-portable'
import { createProfileArchive } from './create-archive'
import {
  LimitReached,
  receiveError,
  sendError,
  type FromPacker,
  type KeyQuestion,
  type PackJob,
  type ToPacker
} from './pack-worker-protocol'
import type { MakePortable } from './rewrites'

/**
 * The packing thread: walk, rewrites, reading, compressing and writing run here, so the thread
 * that answers the window (Electron's main) is never held up by them. Only the OS's keys, which
 * the caller's thread owns, are asked for.
 */
const port = parentPort
if (port === null) throw new Error('pack-worker runs as a worker thread.')
const job = workerData as PackJob
const controller = new AbortController()
const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>()
let asked = 0

const post = (message: FromPacker) => port.postMessage(message)

function ask<T>(question: KeyQuestion, args: unknown[]): Promise<T> {
  const id = ++asked
  post({ type: 'ask', id, question, args })
  return new Promise<T>((resolve, reject) => waiting.set(id, { resolve: resolve as (value: unknown) => void, reject }))
}

port.on('message', (message: ToPacker) => {
  if (message.type === 'abort') return controller.abort()
  const pending = waiting.get(message.id)
  waiting.delete(message.id)
  if (message.error === undefined) pending?.resolve(message.value)
  else pending?.reject(receiveError(message.error, () => new LimitReached()))
})

const sources: KeySources = {
  keychainPassword: (name) => ask('keychainPassword', [name]),
  dpapiUnprotect: async (blob) => {
    const key = await ask<Uint8Array | undefined>('dpapiUnprotect', [blob])
    return key === undefined ? undefined : Buffer.from(key)
  },
  keyringPasswords: (name, browserId) => ask('keyringPasswords', [name, browserId])
}

function portability(): MakePortable | undefined {
  if (job.portable === undefined) return undefined
  if (job.portable.runs === 'thread') return portabilityStep({ sourceOs: job.portable.sourceOs, sources })
  return (files, profile) => ask('makePortable', [files, profile])
}

const makePortable = portability()
createProfileArchive({
  profile: job.profile,
  format: job.format,
  tempRoot: job.tempRoot,
  sourceOs: job.sourceOs,
  ...(job.choice === undefined ? {} : { choice: job.choice }),
  ...(job.include === undefined ? {} : { include: job.include }),
  ...(job.supplied === undefined ? {} : { supplied: job.supplied }),
  ...(makePortable === undefined ? {} : { makePortable }),
  ...(job.limitBytes === undefined ? {} : { limit: { bytes: job.limitBytes, exceeded: () => new LimitReached() } }),
  signal: controller.signal,
  onProgress: (event) => post({ type: 'progress', event })
})
  .then(
    (archive) =>
      post({
        type: 'done',
        archive: { file: archive.file, sizeBytes: archive.sizeBytes, sha256: archive.sha256, manifest: archive.manifest }
      }),
    (error: unknown) => post({ type: 'failed', error: sendError(error) })
  )
  // The answer is on its way: nothing more to listen for, so the thread ends.
  .finally(() => port.close())
