import { spawn, type ChildProcess } from 'node:child_process'
import { mkdir, readFile, rm } from 'node:fs/promises'
import { join } from 'node:path'
import CDP from 'chrome-remote-interface'
import { CHROMIUM, CHROMIUM_ARGS } from '../chromium'

export interface PersonsBrowser {
  /** A DevTools client of the test's own, to set cookies as sites would and to quit the browser. */
  client: CDP.Client
  /** Quits as a person would (cookies written to disk), and waits until the process is gone. */
  quit(): Promise<void>
}

/**
 * Chromium as a person runs it on a Linux desktop: its cookie key in a real secret service (GNOME
 * Keyring on its own session bus), so what it writes to disk is `v11` and readable only with the
 * keyring's help. Remote debugging on port 0 stands in for chrome://inspect's switch: discovery
 * through `DevToolsActivePort` and the read are the same (headless cannot show the Allow dialog).
 */
export async function startPersonsBrowser(home: string, userDataDir: string, extraArgs: string[] = []): Promise<PersonsBrowser> {
  await mkdir(home, { recursive: true })
  // The note of an earlier run must not be mistaken for this one's.
  await rm(join(userDataDir, 'DevToolsActivePort'), { force: true })
  const chromium = [
    CHROMIUM,
    ...CHROMIUM_ARGS,
    '--headless=new',
    '--password-store=gnome-libsecret',
    `--user-data-dir=${userDataDir}`,
    '--remote-debugging-port=0',
    ...extraArgs,
    'about:blank'
  ]
  const script = `printf pw | gnome-keyring-daemon --unlock --components=secrets >/dev/null 2>&1; exec ${chromium.map((arg) => `'${arg.replace(/'/g, `'\\''`)}'`).join(' ')}`
  const child: ChildProcess = spawn('dbus-run-session', ['--', 'sh', '-c', script], {
    env: { PATH: process.env['PATH'], HOME: home },
    stdio: 'ignore'
  })
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()))
  let endpoint = ''
  for (let tries = 0; tries < 150 && endpoint === ''; tries++) {
    await new Promise((resolve) => setTimeout(resolve, 100))
    const [port, path] = (await readFile(join(userDataDir, 'DevToolsActivePort'), 'utf8').catch(() => '')).split('\n')
    if (port && path) endpoint = `ws://127.0.0.1:${port}${path}`
  }
  if (endpoint === '') {
    child.kill('SIGKILL')
    throw new Error('the stand-in browser did not start')
  }
  const client = await CDP({ target: endpoint, local: true })
  return {
    client,
    async quit() {
      await client.send('Browser.close').catch(() => undefined)
      await client.close().catch(() => undefined)
      await exited
    }
  }
}
