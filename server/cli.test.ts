import { spawn } from 'node:child_process'
import { createInterface } from 'node:readline'
import { join } from 'node:path'
import { expect, it } from 'vitest'

const cli = join(__dirname, 'cli.ts')

it('npm run server prints where it listens as its first line, and answers there', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0', '--agp-key', 'hk-one'], {
    stdio: ['ignore', 'pipe', 'pipe']
  })
  try {
    const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]()
    const first = (await lines.next()).value as string | undefined
    const url = /^reference cloud listening on (http:\/\/127\.0\.0\.1:\d+)$/.exec(first ?? '')?.[1]
    expect(url).toBeDefined()
    const response = await fetch(`${url}/api/v2/browser-profiles`, { headers: { authorization: 'Bearer hk-one' } })
    expect(await response.json()).toEqual({ total: 0, limit: 10, offset: 0, profiles: [] })
  } finally {
    child.kill()
  }
})

it('refuses a bad option with a usage message and exit code 2', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', 'eighty'], { stdio: ['ignore', 'pipe', 'pipe'] })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const code = await new Promise((resolve) => child.on('exit', resolve))
  expect(code).toBe(2)
  expect(stderr).toContain('--port must be a whole number')
})

it('refuses a --map that is not a host name (optionally =PORT), with exit code 2', async () => {
  const child = spawn(process.execPath, ['--import', 'tsx', cli, '--port', '0', '--browser', '/usr/bin/chromium', '--map', 'not a host'], {
    stdio: ['ignore', 'pipe', 'pipe']
  })
  let stderr = ''
  child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()))
  const code = await new Promise((resolve) => child.on('exit', resolve))
  expect(code).toBe(2)
  expect(stderr).toContain('--map takes a host name')
})
