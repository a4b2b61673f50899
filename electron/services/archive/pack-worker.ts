import { parentPort } from 'node:worker_threads'
import type { KeySources } from '../portability/key-sources'
import { portabilityStep } from '../portability/make-portable'
import { surveyProfile } from '../preflight/survey'
import { createProfileArchive } from './create-archive'
import type { FromPacker, KeyQuestion, PackJob, SurveyJob, ToPacker } from './pack-worker-protocol'
import { LimitReached, receiveError, sendError } from './sent-error'
import type { MakePortable } from './rewrites'

/**
 * The packing thread: walk, rewrites, reading, compressing and writing run here (and pre-flight's
 * walk and estimate), one job after another, so the thread that answers the window (Electron's
 * main) is never held up by them. Only the OS's keys, which the caller's thread owns, are asked for.
 */
const port = parentPort
if (port === null) throw new Error('pack-worker runs as a worker thread.')
let controller = new AbortController()
const waiting = new Map<number, { resolve(value: unknown): void; reject(error: Error): void }>()
let asked = 0

const post = (message: FromPacker) => port.postMessage(message)

function ask<T>(question: KeyQuestion, args: unknown[]): Promise<T> {
  const id = ++asked
  post({ type: 'ask', id, question, args })
  return new Promise<T>((resolve, reject) => waiting.set(id, { resolve: resolve as (value: unknown) => void, reject }))
}

port.on('message', (message: ToPacker) => {
  if (message.type === 'job') return void run(message.job)
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

function portability(job: PackJob): MakePortable | undefined {
  if (job.portable === undefined) return undefined
  if (job.portable.runs === 'thread') return portabilityStep({ sourceOs: job.portable.sourceOs, sources })
  return (files, profile) => ask('makePortable', [files, profile])
}

async function pack(job: PackJob): Promise<FromPacker> {
  const makePortable = portability(job)
  const archive = await createProfileArchive({
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
  return { type: 'done', archive: { file: archive.file, sizeBytes: archive.sizeBytes, sha256: archive.sha256, manifest: archive.manifest } }
}

async function survey(job: SurveyJob): Promise<FromPacker> {
  const { profile, format, choice, include } = job
  return {
    type: 'surveyed',
    survey: await surveyProfile(profile, {
      format,
      ...(choice === undefined ? {} : { choice }),
      ...(include === undefined ? {} : { include }),
      signal: controller.signal
    })
  }
}

async function run(job: PackJob | SurveyJob): Promise<void> {
  controller = new AbortController()
  try {
    post(job.kind === 'pack' ? await pack(job) : await survey(job))
  } catch (error) {
    post({ type: 'failed', error: sendError(error) })
  }
}
