import type { BrowserPool } from '../cloud-browser/browser-pool'
import { openCloudBrowser } from '../cloud-browser/cloud-browser'
import type { LiveViews } from '../cloud-browser/live-view'
import { isoSeconds } from '../http/ids'
import type { SessionSettings } from '../sessions/session-settings'
import type { StateStore } from '../state/state-store'
import type { ObjectStore } from '../storage/object-store'
import { BUCKET } from './records'
import { HOLDS_SLOT, TERMINAL, changed, type AgpSession } from './session-record'
import { runSession } from './session-run'

export interface SessionPoolOptions {
  store: StateStore
  objects: ObjectStore
  now: () => number
  settings: SessionSettings
  pool: BrowserPool
  live: LiveViews
}

/** The twin's sessions: each org's concurrency slots, the queue, and every run until it has ended. */
export class AgpSessionPool {
  readonly sessions = new Map<string, AgpSession>()
  private readonly runs = new Set<Promise<void>>()

  constructor(private readonly options: SessionPoolOptions) {}

  /** Sessions holding one of the org's concurrent-session slots. */
  active(orgId: string): AgpSession[] {
    return [...this.sessions.values()].filter((session) => session.orgId === orgId && HOLDS_SLOT.has(session.status))
  }

  private profile(id: string | undefined) {
    return this.options.store.state.hcompany.profiles.find((profile) => profile.id === id)
  }

  start(session: AgpSession): void {
    const { options } = this
    session.status = 'pending'
    changed(session)
    const run = runSession(session, {
      settings: options.settings,
      now: options.now,
      openBrowser: async (profileId) => {
        const profile = this.profile(profileId)
        const browser = await openCloudBrowser(
          profile === undefined ? undefined : options.objects.pathOf(BUCKET, profile.s3_path),
          options.pool
        )
        if (browser !== undefined) options.live.show(session.id, browser)
        return browser
      },
      used: async (profileId) => {
        const profile = this.profile(profileId)
        if (profile === undefined) return
        Object.assign(profile, { usage_count: profile.usage_count + 1, last_used_at: isoSeconds(options.now()) })
        await options.store.save()
      },
      keep: async (profileId, packed) => {
        const profile = this.profile(profileId)
        if (profile === undefined) return
        const stored = await options.objects.putFile(BUCKET, profile.s3_path, packed, 'application/zip')
        Object.assign(profile, { checksum: stored.sha256, file_size_bytes: stored.size, updated_at: isoSeconds(options.now()) })
        await options.store.save()
      },
      ended: (ended) => {
        options.live.hide(ended.id)
        // A freed slot starts the oldest queued session of the org.
        const next = [...this.sessions.values()].find((s) => s.orgId === ended.orgId && s.status === 'queued')
        if (next !== undefined && this.active(next.orgId).length < options.settings.concurrentSessions) this.start(next)
      }
    })
    this.runs.add(run)
    void run.finally(() => this.runs.delete(run))
  }

  /** Cancels a session: irreversible, and its slot is free at once; a finished one stays as it ended. */
  interrupt(session: AgpSession): void {
    if (TERMINAL.has(session.status)) return
    const queued = session.status === 'queued'
    session.status = 'interrupted'
    session.finishedAt = new Date(this.options.now()).toISOString()
    changed(session)
    session.controller.abort()
    if (queued) this.options.live.hide(session.id)
  }

  async stopAll(): Promise<void> {
    for (const session of this.sessions.values()) this.interrupt(session)
    await Promise.all([...this.runs])
  }
}
