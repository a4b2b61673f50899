import { homedir, tmpdir } from 'node:os'
import { join } from 'node:path'
import { createPorterApi } from '../services/api/create-porter-api'
import { recoverInterruptedRuns } from '../services/app/recover'
import { createServices } from '../services/create-services'
import { defaultDataDir, currentPlatform } from '../services/os/paths'
import { unsupportedNode } from '../services/sqlite/node-support'
import { version } from '../../package.json'
import { startBridge } from './bridge-server'
import { bridgeShellAdapters } from './bridge-shell'

/** `npm run web`: the app in a browser, for development where Electron cannot run. */
async function main(): Promise<void> {
  const unsupported = unsupportedNode()
  if (unsupported !== undefined) {
    console.error(unsupported)
    process.exit(1)
  }
  const platform = currentPlatform()
  const home = process.env['PORTER_HOME'] || homedir()
  const facts = {
    platform,
    home,
    env: process.env,
    dataDir: defaultDataDir(platform, homedir(), process.env),
    tempRoot: tmpdir(),
    now: () => new Date()
  }
  const services = createServices(facts, bridgeShellAdapters(join(homedir(), 'Downloads')), { version, shell: 'bridge' })
  await recoverInterruptedRuns(services)
  const bridge = await startBridge({
    handlers: createPorterApi(services),
    rendererDir: join(__dirname, '../../out/renderer'),
    injectClient: true,
    port: Number(process.env['PORT'] ?? 0)
  })
  console.log(`Profile Porter (browser bridge) at ${bridge.url}`)
  const stop = () => void bridge.close().then(() => process.exit(0))
  process.on('SIGINT', stop)
  process.on('SIGTERM', stop)
}

void main()
