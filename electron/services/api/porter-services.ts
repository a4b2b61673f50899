import type { AppInfo } from '../../../shared/domain/app'
import type { Notices } from '../app/notices'
import type { MakePortable } from '../archive/rewrites'
import type { BrowsersService } from '../browsers/browsers-service'
import type { CheckRunner } from '../check/check-runner'
import type { CheckStore } from '../check/check-store'
import type { OsFacts, ShellAdapters } from '../service-facts'
import type { ConnectionsService } from '../settings/connections-service'
import type { Journal } from '../transfers/journal'
import type { ReceiptStore } from '../receipts/receipt-store'
import type { SuppliedVault } from '../live/supplied-vault'
import type { TransferRunner } from '../transfers/transfer-runner'
import type { Log } from '../logging/logger'
import type { ReportService } from '../report/report-service'
import type { Updates } from '../updates/update-controller'
import type { SettingsFile } from '../settings/settings-file'

export interface PorterServices {
  appInfo: AppInfo
  notices: Notices
  facts: OsFacts
  shell: ShellAdapters
  connections: ConnectionsService
  browsers: BrowsersService
  transfers: TransferRunner
  journal: Journal
  /** What each upload sent, kept on this computer. */
  receipts: ReceiptStore
  /** Sign-ins read through the browser or from a cookie file, held until the import that uses them. */
  supplied: SuppliedVault
  /** Makes a staged profile's cookies readable by the cloud's browser. */
  makePortable: MakePortable
  log: Log
  updates: Updates
  /** The report for IT: previewed in full, then saved as one zip. */
  report: ReportService
  /** settings.json: connections (through `connections`) and the window's preferences. */
  settings: SettingsFile
  /** Checks in the cloud (are the chosen sites signed in there?), and their results kept on this computer. */
  checks: CheckRunner
  checkResults: CheckStore
}
