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
import { silentLog } from './logging/logger'
import { logTransferOutcomes } from './logging/log-transfers'
import { createReportService } from './report/report-service'
import { createUpdates } from './updates/update-controller'
import { openSettingsFile } from './settings/settings-file'

export function createServices(facts: OsFacts, shell: ShellAdapters, app: Pick<AppInfo, 'version' | 'shell'>): PorterServices {
  const local = createLocalLibrary({ dataDir: facts.dataDir, now: facts.now })
  const notices = new Notices()
  const network = createNetwork({ proxyFor: shell.proxyFor ?? environmentProxy(), ca: () => trustedCertificates(facts.env) })
  const log = shell.log ?? silentLog
  const settings = openSettingsFile(facts.dataDir, facts.now)
  const transfers = new TransferRunner({ log })
  transfers.observe(logTransferOutcomes(log))
  const updates =
    shell.updates ??
    createUpdates({
      updater: undefined,
      offReason: 'Updates come with the installed desktop app.',
      currentVersion: app.version,
      log,
      busy: () => false
    })
  const keySources = shell.keySources ?? osKeySources(facts.platform)
  const services: PorterServices = {
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
    connections: createConnectionsService({
      dataDir: facts.dataDir,
      secrets: shell.secrets,
      env: facts.env,
      local,
      network,
      notices,
      settingsFile: settings
    }),
    browsers: createBrowsersService({ ...facts, sourceOs: facts.platform, hostname: hostname(), isAlive: processAlive, keySources }),
    transfers,
    journal: new Journal(join(facts.dataDir, 'journal')),
    receipts: new ReceiptStore(join(facts.dataDir, 'receipts')),
    supplied: new SuppliedVault(),
    makePortable: portabilityStep({ sourceOs: facts.platform, sources: keySources }),
    // The stores are plain folders: these instances see what the ones above write.
    checks: new CheckRunner({
      store: new CheckStore(join(facts.dataDir, 'checks')),
      receipts: new ReceiptStore(join(facts.dataDir, 'receipts')),
      journal: new Journal(join(facts.dataDir, 'journal'))
    }),
    checkResults: new CheckStore(join(facts.dataDir, 'checks')),
    log,
    updates,
    report: undefined as never,
    settings
  }
  services.report = createReportService(
    {
      appInfo: services.appInfo,
      now: facts.now,
      detect: () => services.browsers.detect(),
      transfers: () => transfers.list(),
      unfinished: async () =>
        (await services.journal.all()).filter((entry) => entry.pid !== process.pid || entry.interruptedAt !== undefined),
      updates: () => updates.state(),
      logFile: log.file
    },
    shell.chooseSavePath
  )
  return services
}
