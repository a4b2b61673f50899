import { hostname } from 'node:os'
import { join } from 'node:path'
import type { AppInfo } from '../../shared/domain/app'
import { Notices } from './app/notices'
import { createNetwork } from './net/network'
import { environmentProxy } from './net/proxy-for'
import { trustedCertificates } from './net/trusted-certificates'
import type { PorterServices } from './api/porter-services'
import { createBrowsersService } from './browsers/browsers-service'
import { CheckRunner } from './check/check-runner'
import { CheckStore } from './check/check-store'
import { processAlive } from './browsers/running'
import { createLocalLibrary } from './clouds/local/local-library'
import { createConnectionsService } from './settings/connections-service'
import { portabilityStep } from './portability/make-portable'
import { osKeySources } from './portability/os-key-sources'
import { Journal } from './transfers/journal'
import { ReceiptStore } from './receipts/receipt-store'
import { SuppliedVault } from './live/supplied-vault'
import type { OsFacts, ShellAdapters } from './service-facts'
import { TransferRunner } from './transfers/transfer-runner'

export function createServices(facts: OsFacts, shell: ShellAdapters, app: Pick<AppInfo, 'version' | 'shell'>): PorterServices {
  const local = createLocalLibrary({ dataDir: facts.dataDir, now: facts.now })
  const notices = new Notices()
  const network = createNetwork({ proxyFor: shell.proxyFor ?? environmentProxy(), ca: () => trustedCertificates(facts.env) })
  return {
    appInfo: {
      name: 'Profile Porter',
      version: app.version,
      platform: facts.platform,
      shell: app.shell,
      keyStorage: shell.secrets.persistence
    },
    notices,
    facts,
    shell,
    connections: createConnectionsService({ dataDir: facts.dataDir, secrets: shell.secrets, env: facts.env, local, network, notices }),
    browsers: createBrowsersService({ ...facts, sourceOs: facts.platform, hostname: hostname(), isAlive: processAlive }),
    transfers: new TransferRunner(),
    journal: new Journal(join(facts.dataDir, 'journal')),
    receipts: new ReceiptStore(join(facts.dataDir, 'receipts')),
    supplied: new SuppliedVault(),
    makePortable: portabilityStep({ sourceOs: facts.platform, sources: shell.keySources ?? osKeySources(facts.platform) }),
    // The stores are plain folders: these instances see what the ones above write.
    checks: new CheckRunner({
      store: new CheckStore(join(facts.dataDir, 'checks')),
      receipts: new ReceiptStore(join(facts.dataDir, 'receipts')),
      journal: new Journal(join(facts.dataDir, 'journal'))
    }),
    checkResults: new CheckStore(join(facts.dataDir, 'checks'))
  }
}
