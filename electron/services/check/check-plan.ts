import type { CheckPlan } from '../../../shared/domain/check'
import { DEFAULT_CHECK_SITES } from '../../../shared/domain/check-summary'
import { PorterError } from '../../../shared/errors'
import type { ReceiptStore } from '../receipts/receipt-store'
import { receiptsAt } from '../receipts/receipts-at'
import type { ConnectionsService } from '../settings/connections-service'
import { deviceBoundWarning } from '../sites/site-categories'
import { siteOf } from '../sites/site-of'
import type { CheckStore } from './check-store'
import type { CloudChecker } from './cloud-checker'
import { profileGone } from './hcompany/agp-errors'
import { predictionFor, receiptSites } from './prediction'
import { siteNote } from './messages'
import { siteToCheck } from './site-address'

const COST: Record<CloudChecker['kind'], (service: string) => string> = {
  hcompany: (service) =>
    `A check starts one ${service} session in which an agent opens each site and reports what it sees. It uses tokens from your allowance (roughly 10 to 20 thousand per site; the real count is shown afterwards).`,
  webrun: (service) =>
    `A check starts one ${service} session with one agent task per site. It is charged to your ${service} balance (roughly $0.01 to $0.02 per site, plus the session's time; the real cost is shown afterwards).`
}

const DEVICE_BOUND =
  'Google and other sites that tie a sign-in to the device it was made on usually end a moved sign-in soon, and opening it in the cloud browser can trigger a security alert on your account.'

export interface PlanDeps {
  tempRoot: string
  connections: ConnectionsService
  receipts: ReceiptStore
  checks: CheckStore
}

/** No cloud browser behind this connection (the library on this computer). */
export function noCloud(): PorterError {
  return new PorterError({
    code: 'invalid_input',
    message: 'This connection is the library on this computer: there is no cloud browser to check in.',
    action: 'Check a profile you uploaded to H Company or WebRun.'
  })
}

/** What a check of this profile would open, cost and promise, before anything is started. */
export async function checkPlan(deps: PlanDeps, connectionId: string, profileId: string, named?: string[]): Promise<CheckPlan> {
  const checker = await deps.connections.checkerFor(connectionId, deps.tempRoot)
  const serviceName = deps.connections.labelFor(connectionId)
  if (checker === undefined)
    return {
      available: false,
      unavailable: noCloud().message,
      serviceName,
      profile: { id: profileId, name: profileId },
      sites: [],
      more: [],
      receipt: false,
      cost: [],
      readOnly: '',
      warnings: []
    }
  const service = await deps.connections.serviceFor(connectionId)
  const profile = await service.get(profileId).catch((error: unknown) => {
    throw error instanceof PorterError && error.code === 'not_found' ? profileGone(serviceName) : error
  })
  const base = { serviceName, profile: { id: profile.id, name: profile.name } }
  const receipt = await deps.receipts.latestFor(await receiptsAt(deps.connections, connectionId, profile), profileId)
  const names = named ?? receiptSites(receipt).filter((name) => siteOf(name).public)
  const sites = (named === undefined ? names.slice(0, DEFAULT_CHECK_SITES) : names).map((name) => {
    const { site, url } = siteToCheck(name)
    const predicted = predictionFor(receipt, url)
    const bound = deviceBoundWarning(siteOf(new URL(url).hostname).site)
    const note = bound ?? (predicted === 'signed_out' ? siteNote(url, 'login_page', predicted) : undefined)
    return { site, url, predicted, ...(note === undefined ? {} : { note }) }
  })
  const lastBalance = (await deps.checks.list({ connectionId })).find((check) => check.usage?.balance !== undefined)?.usage?.balance
  const allowance = await checker.allowance(lastBalance)
  const bound = sites.filter((site) => deviceBoundWarning(siteOf(new URL(site.url).hostname).site) !== undefined).map((site) => site.site)
  return {
    ...base,
    available: true,
    sites,
    more: named === undefined ? names.slice(DEFAULT_CHECK_SITES) : [],
    receipt: receipt !== undefined,
    cost: [COST[checker.kind](checker.serviceName), ...allowance.lines],
    readOnly: await checker.readOnlyPlan(),
    warnings: [bound.length > 0 ? `${DEVICE_BOUND} Chosen here: ${bound.join(', ')}.` : DEVICE_BOUND],
    ...(allowance.blocked === undefined ? {} : { blocked: allowance.blocked.toData() })
  }
}
