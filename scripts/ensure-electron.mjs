// Runs before `npm start` and `npm run dev`. Electron 45 no longer downloads its binary when it is
// installed (so `npm install` stays offline-safe), and electron-vite only looks for the path.txt
// that Electron's own installer writes. This fetches the binary through that installer, once, and
// when it cannot, says so in one plain line instead of electron-vite's "Electron uninstall".
import { spawnSync } from 'node:child_process'
import { lookup } from 'node:dns/promises'
import { existsSync, readFileSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, join } from 'node:path'

const require = createRequire(join(process.cwd(), 'package.json'))
const electronDir = dirname(require.resolve('electron/package.json'))
const { version } = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8'))

function installed() {
  try {
    const executable = readFileSync(join(electronDir, 'path.txt'), 'utf8')
    return (
      readFileSync(join(electronDir, 'dist', 'version'), 'utf8')
        .replace(/^v/, '')
        .trim() === version && existsSync(join(electronDir, 'dist', executable))
    )
  } catch {
    return false
  }
}

/** install.js prints only "fetch failed"; a name lookup of the download host tells offline apart. */
async function cause(stderr) {
  const host = new URL(process.env.ELECTRON_MIRROR || process.env.npm_config_electron_mirror || 'https://github.com/').hostname
  const status = /\b(\d{3})\b.*(?:Not Found|Forbidden|status)/i.exec(stderr)?.[1] ?? /HTTPError: Response code (\d{3})/.exec(stderr)?.[1]
  if (status !== undefined) return `the download address answered with error ${status}`
  if (/checksum/i.test(stderr)) return 'the downloaded file did not match its checksum'
  if (/ENOSPC/.test(stderr)) return 'the disk is full'
  if (/fetch failed|ECONN|ETIMEDOUT|ENOTFOUND|EAI_AGAIN/.test(stderr)) {
    const found = await lookup(host).then(
      () => true,
      () => false
    )
    return found
      ? `${host} could not be reached (a firewall or proxy may be in the way)`
      : `this computer cannot look up ${host} (no internet connection?)`
  }
  return stderr.trim().split('\n')[0] || 'the installer stopped'
}

if (!installed()) {
  console.log(`Downloading Electron ${version}, the desktop runtime Profile Porter runs in (about 110 MB, first start only)…`)
  const env = { ...process.env }
  // @electron/get honours HTTPS_PROXY / NO_PROXY only when asked to.
  if (['HTTPS_PROXY', 'https_proxy', 'HTTP_PROXY', 'http_proxy'].some((name) => env[name])) env.ELECTRON_GET_USE_PROXY = '1'
  const run = spawnSync(process.execPath, [join(electronDir, 'install.js')], {
    env,
    encoding: 'utf8',
    stdio: ['ignore', 'inherit', 'pipe']
  })
  if (run.status !== 0 || !installed()) {
    console.error(
      `Could not download Electron ${version}: ${await cause(run.stderr ?? '')}. Check the internet connection (behind a proxy, set HTTPS_PROXY), ` +
        'or set ELECTRON_MIRROR to a mirror you can reach, then run the command again.'
    )
    process.exit(1)
  }
}
