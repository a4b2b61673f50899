import { execFileSync } from 'node:child_process'
import { createHash } from 'node:crypto'
import { chmod, cp, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises'
import { createServer, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { runNode, type NodeRun } from './support/run-node'

const repo = join(__dirname, '..')
const SCRIPT = join(repo, 'scripts/ensure-electron.mjs')
const { version } = JSON.parse(
  execFileSync(process.execPath, ['-p', 'JSON.stringify(require("electron/package.json"))'], { cwd: repo, encoding: 'utf8' })
) as { version: string }

/** Each test installs into a project of its own: one's download is never the other's starting point, in any order. */
const projects: string[] = []
let mirror: Server
let mirrorUrl: string
let zip: Buffer
const requested: string[] = []

/** A project folder with its own copy of the electron package, so the installer writes there, not in the repo. */
async function freshProject(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'porter-ensure-'))
  projects.push(dir)
  await writeFile(join(dir, 'package.json'), '{"name":"ensure-test","private":true}')
  await mkdir(join(dir, 'node_modules'))
  await cp(join(repo, 'node_modules/electron'), join(dir, 'node_modules/electron'), { recursive: true })
  for (const name of await readdir(join(repo, 'node_modules'))) {
    if (name !== 'electron' && !name.startsWith('.')) await symlink(join(repo, 'node_modules', name), join(dir, 'node_modules', name))
  }
  return dir
}

function ensure(cwd: string, env: NodeJS.ProcessEnv): Promise<NodeRun> {
  return runNode(SCRIPT, [], { cwd, env: { PATH: process.env['PATH'], HOME: cwd, electron_config_cache: join(cwd, 'cache'), ...env } })
}

beforeAll(async () => {
  // What Electron's release page holds for this version, made small: a zip with an executable and its version file.
  const work = await mkdtemp(join(tmpdir(), 'porter-electron-zip-'))
  await writeFile(join(work, 'electron'), '#!/bin/sh\necho stand-in electron "$@"\n')
  await chmod(join(work, 'electron'), 0o755)
  await writeFile(join(work, 'version'), `v${version}`)
  execFileSync('zip', ['-q', 'electron.zip', 'electron', 'version'], { cwd: work })
  zip = await readFile(join(work, 'electron.zip'))
  await rm(work, { recursive: true, force: true })
  const name = `electron-v${version}-linux-x64.zip`
  const sums = `${createHash('sha256').update(zip).digest('hex')} *${name}\n`
  mirror = createServer((request, response) => {
    requested.push(request.url ?? '')
    if (request.url === `/mirror/v${version}/${name}`) return void response.end(zip)
    if (request.url === `/mirror/v${version}/SHASUMS256.txt`) return void response.end(sums)
    response.writeHead(404).end('Not Found')
  })
  await new Promise<void>((resolve) => mirror.listen(0, '127.0.0.1', resolve))
  mirrorUrl = `http://127.0.0.1:${(mirror.address() as AddressInfo).port}/mirror/`
}, 60_000)

afterAll(async () => {
  mirror.close()
  await Promise.all(projects.map((dir) => rm(dir, { recursive: true, force: true })))
})

describe('the step before npm start and npm run dev', () => {
  it('says in one plain line what to do when the download cannot happen, instead of "Electron uninstall"', async () => {
    const project = await freshProject()
    const closed = await ensure(project, { ELECTRON_MIRROR: 'http://127.0.0.1:9/' })
    expect(closed.code).toBe(1)
    const lines = closed.stderr.trim().split('\n')
    expect(lines).toHaveLength(1)
    expect(lines[0]).toMatch(
      /^Could not download Electron [\d.]+: 127\.0\.0\.1 could not be reached .*set HTTPS_PROXY.*ELECTRON_MIRROR.*run the command again\.$/
    )
    const missing = await ensure(project, { ELECTRON_MIRROR: `${mirrorUrl}missing/` })
    expect(missing.stderr.trim()).toMatch(/answered with error 404/)
  })

  it("fetches the binary through Electron's own installer, honouring the mirror, and writes the path electron-vite reads", async () => {
    const project = await freshProject()
    const run = await ensure(project, { ELECTRON_MIRROR: mirrorUrl, electron_use_remote_checksums: '1' })
    expect(run.stderr).toBe('')
    expect(run.code).toBe(0)
    expect(requested).toContain(`/mirror/v${version}/electron-v${version}-linux-x64.zip`)
    const electron = join(project, 'node_modules/electron')
    expect(await readFile(join(electron, 'path.txt'), 'utf8')).toBe('electron')
    // electron-vite resolves the binary the same way `require('electron')` does in plain Node.
    const resolved = execFileSync(process.execPath, ['-p', 'require("electron")'], { cwd: project, encoding: 'utf8' }).trim()
    expect(resolved).toBe(join(electron, 'dist', 'electron'))
    expect(execFileSync(resolved, ['.'], { encoding: 'utf8' })).toContain('stand-in electron .')
    // Once installed, the step is silent and offline.
    const again = await ensure(project, { ELECTRON_MIRROR: 'http://127.0.0.1:9/' })
    expect(again).toEqual({ code: 0, stdout: '', stderr: '' })
  })
})
