import { mkdtemp, rm } from 'node:fs/promises'
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http'
import { createServer as createHttpsServer } from 'node:https'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { BrowserPool, type BrowserSettings } from './cloud-browser/browser-pool'
import { LiveViews } from './cloud-browser/live-view'
import { registerHcompany } from './hcompany/routes'
import { registerHcompanySessions } from './hcompany/sessions'
import { BUCKET, MAX_ARCHIVE_BYTES } from './hcompany/records'
import { sendJson, sendXml } from './http/respond'
import { Router } from './http/router'
import { openStateStore } from './state/state-store'
import { ObjectStore } from './storage/object-store'
import { handlePostObject } from './storage/post-object'
import { S3Error } from './storage/s3-error'
import { MAX_UPLOAD_BYTES } from './webrun/records'
import { RateLimiter } from './webrun/rate-limit'
import { registerWebrun } from './webrun/routes'
import { registerWebrunSessions } from './webrun/sessions'
import { defaultSessionSettings, registerSessionSettings, type SessionSettings } from './sessions/session-settings'
import { serveBlob } from './webrun/serve-blob'
import { BLOB_PATH } from './webrun/signed-url'

export interface ReferenceCloudOptions {
  port?: number
  /** Keeps state and archives across restarts; a fresh temp folder (removed on close) otherwise. */
  dataDir?: string
  agpKeys?: string[]
  webrunKeys?: string[]
  uploadExpiresIn?: number
  webrunRateLimit?: number
  /** Milliseconds since the epoch; tests move time forward with it. */
  now?: () => number
  /** Serve https with this key and certificate (a private authority in the network tests). */
  tls?: { key: string; cert: string }
  /** The services' size limits (1 GiB zip, 500 MB tar.gz); tests lower them to try the refusals. */
  limits?: { hcompanyArchiveBytes?: number; webrunUploadBytes?: number }
  /** The sessions' cloud browser (a real Chromium); without `executable`, sessions fail as at a service with no free browser. */
  browser?: BrowserSettings
  /** Allowances, prices and injected faults of the session APIs (see SessionSettings). */
  sessions?: Partial<SessionSettings>
}

export interface ReferenceCloud {
  url: string
  dataDir: string
  /** The session APIs' settings, live: tests read usage from here and inject faults. */
  sessions: SessionSettings
  close(): Promise<void>
}

export const DEFAULT_AGP_KEY = 'hk-local-dev'
export const DEFAULT_WEBRUN_KEY = 'enig_local_dev'
const STORAGE_PREFIX = '/s3/'

/** Local twins of H Company's browser-profiles API (with S3-style storage) and WebRun's profiles API. */
export async function startReferenceCloud(options: ReferenceCloudOptions = {}): Promise<ReferenceCloud> {
  const ownsData = options.dataDir === undefined
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'porter-cloud-')))
  const now = options.now ?? Date.now
  const store = await openStateStore(dataDir)
  const objects = new ObjectStore(dataDir, store, now)
  let baseUrl = ''

  const router = new Router()
  registerHcompany(router, {
    store,
    objects,
    keys: new Set(options.agpKeys ?? [DEFAULT_AGP_KEY]),
    now,
    uploadExpiresIn: options.uploadExpiresIn ?? 3600,
    maxArchiveBytes: options.limits?.hcompanyArchiveBytes ?? MAX_ARCHIVE_BYTES,
    uploadUrl: () => `${baseUrl}${STORAGE_PREFIX}${BUCKET}`
  })
  const limiter = new RateLimiter(options.webrunRateLimit ?? 100, 15 * 60 * 1000, now)
  const webrunKeys = new Set(options.webrunKeys ?? [DEFAULT_WEBRUN_KEY])
  registerWebrun(router, {
    store,
    objects,
    keys: webrunKeys,
    now,
    limiter,
    maxUploadBytes: options.limits?.webrunUploadBytes ?? MAX_UPLOAD_BYTES,
    baseUrl: () => baseUrl
  })
  const settings = { ...defaultSessionSettings(), ...options.sessions }
  const pool = new BrowserPool(options.browser ?? {}, () => settings.maxBrowsers)
  const live = new LiveViews()
  const common = { store, objects, now, settings, pool, live, baseUrl: () => baseUrl }
  const agpSessions = registerHcompanySessions(router, { ...common, keys: new Set(options.agpKeys ?? [DEFAULT_AGP_KEY]) })
  const webrunSessions = registerWebrunSessions(router, { ...common, keys: webrunKeys, limiter })
  live.register(router)
  registerSessionSettings(router, settings, () => ({
    hcompany: agpSessions.sessions().map((session) => ({ id: session.id, status: session.status })),
    webrun: webrunSessions.sessions(),
    browsersOpen: pool.open
  }))

  const handle = (request: IncomingMessage, response: ServerResponse) => {
    const url = new URL(request.url ?? '/', 'http://reference-cloud')
    void route(url, request, response).catch((error: unknown) => {
      // A client that hangs up mid-upload is normal traffic, not a server fault: nobody to answer.
      if (request.destroyed || request.readableAborted || response.destroyed) return void response.destroy()
      console.error('reference cloud: unexpected failure', error)
      if (!response.headersSent) sendJson(response, 500, { detail: 'Internal Server Error' })
      else response.destroy()
    })
  }
  const server = options.tls === undefined ? createServer(handle) : createHttpsServer(options.tls, handle)

  async function route(url: URL, request: Parameters<typeof handlePostObject>[0], response: Parameters<typeof handlePostObject>[1]) {
    if (url.pathname.startsWith(STORAGE_PREFIX) && request.method === 'POST') {
      const bucket = url.pathname.slice(STORAGE_PREFIX.length).replace(/\/$/, '')
      if (bucket !== BUCKET) {
        const error = new S3Error(404, 'NoSuchBucket', 'The specified bucket does not exist')
        return sendXml(response, error.status, error.toXml())
      }
      return handlePostObject(request, response, bucket, {
        objects,
        secret: () => store.state.storageSecret,
        now: () => new Date(now()),
        issuedFieldOrder: (key) => store.state.hcompany.pending.find((p) => p.key === key)?.fields
      })
    }
    if (url.pathname.startsWith(BLOB_PATH) && (request.method === 'GET' || request.method === 'HEAD')) {
      return serveBlob(request, response, url, { objects, secret: store.state.webrunUrlSecret, now: now() })
    }
    const outcome = await router.handle(request, response, url)
    if (outcome === 'no-path') sendJson(response, 404, { detail: 'Not Found' })
    if (outcome === 'no-method') sendJson(response, 405, { detail: 'Method Not Allowed' })
  }

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject)
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve())
  })
  baseUrl = `${options.tls === undefined ? 'http' : 'https'}://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    url: baseUrl,
    dataDir,
    sessions: settings,
    close: async () => {
      // Every cloud browser goes with the server, as runners do.
      await Promise.all([agpSessions.stopAll(), webrunSessions.stopAll()])
      await new Promise<void>((resolve) => {
        server.close(() => resolve())
        server.closeAllConnections()
      })
      await store.save()
      // An upload cut off a moment ago may still be closing its file: removal retries briefly.
      if (ownsData) await rm(dataDir, { recursive: true, force: true, maxRetries: 10, retryDelay: 50 })
    }
  }
}
