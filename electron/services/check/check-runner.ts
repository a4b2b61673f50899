import { randomUUID } from 'node:crypto'
import type { CheckedSite, CloudCheck, Prediction } from '../../../shared/domain/check'
import { checkSummary } from '../../../shared/domain/check-summary'
import type { Receipt } from '../../../shared/domain/receipt'
import { PorterError } from '../../../shared/errors'
import type { CallContext } from '../api/handlers'
import type { ReceiptStore } from '../receipts/receipt-store'
import type { Journal } from '../transfers/journal'
import type { CheckStore } from './check-store'
import type { CloudChecker } from './cloud-checker'
import { runCheck } from './run-check'
import type { SiteToCheck } from './site-address'

type Emit = CallContext['emit']

export interface CheckSpec {
  connection: CloudCheck['connection']
  profile: CloudCheck['profile']
  receipt?: Receipt
  checker: CloudChecker
  sites: Array<SiteToCheck & { predicted: Prediction }>
  timeoutMs?: number
}

interface Entry {
  check: CloudCheck
  controller: AbortController
  settled: Promise<CloudCheck>
  liveViewUrl?: string
}

/**
 * Runs checks in the cloud: one at a time per profile, each with its live lines sent to the window
 * that asked and to every observer. Stop (and quitting) ends a check's session at the service.
 */
export class CheckRunner {
  /** The longest a check may take, and the longest its session may go without news (tests shorten them). */
  readonly limits = { timeoutMs: 180_000, stallMs: 60_000 }
  private readonly entries = new Map<string, Entry>()
  private readonly observers = new Set<Emit>()

  constructor(private readonly deps: { store: CheckStore; receipts: ReceiptStore; journal: Journal; now?: () => number }) {}

  observe(observer: Emit): () => void {
    this.observers.add(observer)
    return () => void this.observers.delete(observer)
  }

  /** Checks still running. */
  running(): CloudCheck[] {
    return [...this.entries.values()].map((entry) => entry.check).filter((check) => check.status === 'running')
  }

  get(id: string): CloudCheck {
    const entry = this.entries.get(id)
    if (entry === undefined) throw new PorterError({ code: 'not_found', message: 'That check is no longer running.' })
    return entry.check
  }

  liveViewUrl(id: string): string | undefined {
    return this.entries.get(id)?.liveViewUrl
  }

  whenSettled(id: string): Promise<CloudCheck> {
    return this.entries.get(id)?.settled ?? Promise.resolve(this.get(id))
  }

  start(spec: CheckSpec, emit: Emit): CloudCheck {
    const now = this.deps.now ?? Date.now
    if (this.running().some((check) => check.connection.id === spec.connection.id && check.profile.id === spec.profile.id))
      throw new PorterError({
        code: 'conflict',
        message: 'This profile is being checked already.',
        action: 'Wait for that check to end, or stop it.'
      })
    const sites: CheckedSite[] = spec.sites.map((site) => ({
      site: site.site,
      url: site.url,
      predicted: site.predicted,
      progress: 'waiting'
    }))
    const check: CloudCheck = {
      id: randomUUID(),
      connection: spec.connection,
      profile: spec.profile,
      ...(spec.receipt === undefined ? {} : { receiptId: spec.receipt.id }),
      status: 'running',
      phase: 'Starting…',
      startedAt: new Date(now()).toISOString(),
      sites,
      liveView: false,
      session: { ended: false },
      notes: []
    }
    const controller = new AbortController()
    const entry: Entry = { check, controller, settled: Promise.resolve(check) }
    const send = () => {
      const copy = structuredClone(check)
      emit('checks:updated', copy)
      for (const observer of this.observers) observer('checks:updated', copy)
    }
    entry.settled = runCheck({
      check,
      checker: spec.checker,
      sites: spec.sites,
      signal: controller.signal,
      journal: this.deps.journal,
      limits: { ...this.limits, ...(spec.timeoutMs === undefined ? {} : { timeoutMs: spec.timeoutMs }) },
      now,
      update: (changes) => {
        Object.assign(check, changes)
        // The last word (done, failed, stopped) is said once the result is kept, below: a window that
        // asks for the list on hearing it finds the check on this computer, never in neither place.
        if (check.status === 'running') send()
      },
      liveView: (url) => {
        entry.liveViewUrl = url
        Object.assign(check, { liveView: true })
        send()
      }
    })
      .finally(async () => {
        entry.liveViewUrl = undefined
        await this.keep(check, spec.receipt)
        send()
      })
      .then(() => check)
    this.entries.set(check.id, entry)
    return structuredClone(check)
  }

  stop(id: string): void {
    this.entries.get(id)?.controller.abort()
  }

  /** Quitting: every check stops, and its session is ended before this resolves. */
  async stopAll(): Promise<void> {
    const running = [...this.entries.values()].filter((entry) => entry.check.status === 'running')
    for (const entry of running) entry.controller.abort()
    await Promise.all(running.map((entry) => entry.settled))
  }

  /** The result is kept on this computer, and with the receipt of the upload it checked. */
  private async keep(check: CloudCheck, receipt: Receipt | undefined): Promise<void> {
    await this.deps.store.save(check).catch(() => undefined)
    if (receipt === undefined || check.status === 'cancelled') return
    const { signedIn, total } = checkSummary(check)
    // Read again: another check of the same upload may have been kept meanwhile.
    const current = (await this.deps.receipts.list({ connectionId: check.connection.id, profileId: check.profile.id })).find(
      (candidate) => candidate.id === receipt.id
    )
    if (current === undefined) return
    await this.deps.receipts
      .addCheck(current, {
        at: check.startedAt,
        checkId: check.id,
        signedIn,
        total,
        sites: check.sites.map((site) => ({ site: site.site, state: site.state ?? 'not_checked' }))
      })
      .catch(() => undefined)
  }
}
