import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import type { TransferJob } from '../shared/domain/transfer'
import { bridgeShellAdapters } from '../electron/bridge/bridge-shell'
import { createPorterApi } from '../electron/services/api/create-porter-api'
import { dispatch } from '../electron/services/api/dispatch'
import { createServices } from '../electron/services/create-services'
import { watchLoopStalls } from './loop-stall'

/**
 * One whole import, as the app runs it (bundled, plain node, its memory its own). The wizard's
 * pre-flight runs first, as it does before the person clicks Confirm; the clock starts at that
 * click: detect, pack, upload, finish, verify. A 10 ms ticker in this process, where the services
 * run as they do in Electron's main process, measures the event loop's longest stall meanwhile.
 */
async function main(): Promise<void> {
  const [home, dataDir, tempRoot, kind, cloudUrl] = process.argv.slice(2) as [
    string,
    string,
    string,
    'hcompany' | 'webrun' | 'local',
    string
  ]
  const services = createServices(
    { platform: 'linux', home, env: {}, dataDir, tempRoot, now: () => new Date() },
    bridgeShellAdapters(join(dataDir, 'downloads')),
    { version: 'bench', shell: 'bridge' }
  )
  const connectionId =
    kind === 'local'
      ? 'local'
      : (
          await services.connections.add({
            kind,
            name: `${kind}-${process.pid}`,
            baseUrl: cloudUrl,
            apiKey: kind === 'hcompany' ? 'hk-local-dev' : 'enig_local_dev'
          })
        ).id
  const api = createPorterApi(services)
  const checked = await dispatch(api, 'browsers:preflight', { connectionId, ref: 'chrome:Default' }, { emit: () => undefined })
  if (!checked.ok) throw new Error(checked.error.message)
  // Where the time goes: when each phase of the job began, from the events the window would get.
  const phases: Record<string, number> = {}
  const start = performance.now()
  const stalls = watchLoopStalls()
  const started = await dispatch(
    api,
    'transfers:startImport',
    { connectionId, ref: 'chrome:Default', name: 'Bench import', choice: { mode: 'everything' } },
    {
      emit: (event, payload) => {
        const phase = (payload as TransferJob).phase
        if (event === 'transfers:updated' && !(phase in phases)) phases[phase] = performance.now() - start
      }
    }
  )
  if (!started.ok) throw new Error(started.error.message)
  const job = await services.transfers.whenSettled((started.value as { id: string }).id)
  const ms = performance.now() - start
  const { stallMs, busyMs } = stalls()
  if (job.status !== 'done') throw new Error(`the import ended ${job.status}: ${job.error?.message ?? ''}`)
  const peakKb = Number(/VmHWM:\s+(\d+)/.exec(readFileSync('/proc/self/status', 'utf8'))?.[1])
  console.log(JSON.stringify({ ms, peakMb: peakKb / 1024, stallMs, busyMs, phases, profileId: job.profileId }))
}

main().catch((error: unknown) => {
  console.error(error)
  process.exit(1)
})
