import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import { join } from 'node:path'

export interface TwinProcess {
  url: string
  /** Kills the twin as a server dies: mid-request, its state on disk as it last saved it. */
  stop(): Promise<void>
  /** Starts it again on the same port, with the same data. */
  start(): Promise<void>
  close(): Promise<void>
}

const SERVER = join(__dirname, '../../server/cli.ts')

function launch(port: number, dataDir: string): Promise<{ child: ChildProcess; url: string }> {
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', SERVER, '--port', String(port), '--data', dataDir, '--webrun-rate-limit', '0'],
    { cwd: join(__dirname, '../..'), stdio: ['ignore', 'pipe', 'pipe'] }
  )
  return new Promise((resolve, reject) => {
    let said = ''
    child.stdout?.on('data', (chunk: Buffer) => {
      said += chunk.toString()
      const url = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(said)?.[1]
      if (url !== undefined) resolve({ child, url })
    })
    child.stderr?.on('data', (chunk: Buffer) => (said += chunk.toString()))
    child.once('exit', (code) => reject(new Error(`the reference cloud stopped before listening (${code}): ${said}`)))
  })
}

/** `npm run server` in its own process, so a test can stop it for real and start it again. */
export async function startTwinProcess(): Promise<TwinProcess> {
  const dataDir = await mkdtemp(join(tmpdir(), 'porter-twin-'))
  let running: ChildProcess | undefined
  const first = await launch(0, dataDir)
  running = first.child
  const port = Number(new URL(first.url).port)
  const stop = async () => {
    const child = running
    running = undefined
    if (child === undefined || child.exitCode !== null) return
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve())
      child.kill('SIGKILL')
    })
  }
  return {
    url: first.url,
    stop,
    async start() {
      if (running === undefined) running = (await launch(port, dataDir)).child
    },
    async close() {
      await stop()
      await rm(dataDir, { recursive: true, force: true })
    }
  }
}
