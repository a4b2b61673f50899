import { mkdtemp, mkdir, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { TransferJob } from '../../../shared/domain/transfer'
import type { IpcResult } from '../../../shared/ipc/result'
import { startReferenceCloud, type ReferenceCloud } from '../../../server/reference-cloud'
import { launchOn } from '../../../test/chromium'
import { bridgeShellAdapters } from '../../bridge/bridge-shell'
import { createPorterApi } from '../api/create-porter-api'
import { dispatch } from '../api/dispatch'
import { extractArchive } from '../archive/extract/extract-archive'
import { createServices } from '../create-services'

let root: string
let cloud: ReferenceCloud

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'porter-services-roundtrip-'))
  cloud = await startReferenceCloud({ webrunRateLimit: 0 })
})
afterAll(async () => {
  await cloud.close()
  await rm(root, { recursive: true, force: true })
})

it('a login made in Chromium survives import to WebRun, download, and relaunch', async () => {
  const home = join(root, 'home')
  const expires = Math.floor(Date.now() / 1000) + 3 * 86_400
  const browser = await launchOn(join(home, '.config', 'chromium'))
  await browser.addCookies([
    { name: 'login', value: 'carried-over', domain: '.crm.example.com', path: '/', expires, httpOnly: true, secure: true, sameSite: 'Lax' },
    { name: 'session-only', value: 'kept-too', domain: 'crm.example.com', path: '/', secure: true, sameSite: 'Lax' }
  ])
  await browser.close()

  await mkdir(join(root, 'tmp'))
  const services = createServices(
    { platform: 'linux', home, env: {}, dataDir: join(root, 'data'), tempRoot: join(root, 'tmp'), now: () => new Date() },
    bridgeShellAdapters(join(root, 'downloads')),
    { version: '1.0.0', shell: 'bridge' }
  )
  const api = createPorterApi(services)
  const call = async <T>(channel: string, input?: unknown): Promise<T> => {
    const result = (await dispatch(api, channel, input, { emit: () => undefined })) as IpcResult<T>
    if (!result.ok) throw new Error(result.error.message)
    return result.value
  }
  const connection = await call<{ id: string }>('connections:add', {
    kind: 'webrun',
    name: 'WebRun',
    baseUrl: cloud.url,
    apiKey: 'enig_local_dev'
  })
  const imported = await services.transfers.whenSettled(
    (
      await call<TransferJob>('transfers:startImport', {
        connectionId: connection.id,
        ref: 'chromium:Default',
        name: 'CRM',
        choice: { mode: 'everything' }
      })
    ).id
  )
  expect(imported).toMatchObject({ status: 'done', portability: { moved: 2, sessionCookiesKept: 1, sitesNeedingLogin: [] } })
  const saved = await services.transfers.whenSettled(
    (await call<TransferJob>('transfers:startDownload', { connectionId: connection.id, profileId: imported.profileId }))!.id
  )
  const restored = join(root, 'restored')
  await extractArchive(saved.targetFile ?? '', restored)

  const relaunched = await launchOn(restored)
  try {
    const cookies = await relaunched.cookies('https://crm.example.com')
    expect(cookies).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ name: 'login', value: 'carried-over', httpOnly: true, expires }),
        expect.objectContaining({ name: 'session-only', value: 'kept-too' })
      ])
    )
  } finally {
    await relaunched.close()
  }
}, 90_000)
