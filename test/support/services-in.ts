import { join } from 'node:path'
import { bridgeShellAdapters } from '../../electron/bridge/bridge-shell'
import type { PorterServices } from '../../electron/services/api/porter-services'
import { createServices } from '../../electron/services/create-services'

/** The app's services as the bridge makes them (keys held in memory), on `home`, `data` and `tmp` folders under `root`. */
export function servicesIn(root: string): PorterServices {
  return createServices(
    {
      platform: 'linux',
      home: join(root, 'home'),
      env: {},
      dataDir: join(root, 'data'),
      tempRoot: join(root, 'tmp'),
      now: () => new Date()
    },
    bridgeShellAdapters(join(root, 'downloads')),
    { version: '1.0.0', shell: 'bridge' }
  )
}
