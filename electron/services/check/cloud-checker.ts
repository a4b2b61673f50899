import type { CheckUsage, ProfileFacts, ReadOnlyProof, SiteState } from '../../../shared/domain/check'
import type { PorterError } from '../../../shared/errors'
import type { SiteToCheck } from './site-address'

/** What the service said about one site. */
export interface SiteResult {
  url: string
  state: SiteState
  finalUrl?: string
  title?: string
  evidence?: string
  serviceRecord?: string
}

export interface SessionHooks {
  /** The person's Stop, or the app quitting. */
  signal: AbortSignal
  /** When the whole check must be over (ms since 1970), and how long the session may go without news. */
  deadline: number
  stallMs: number
  now(): number
  /** The session exists at the service: written down before anything else, so a crash still ends it. */
  started(session: { id: string; liveViewUrl?: string }): Promise<void>
  /** A live-view address arrived later than the session. */
  liveView(url: string): void
  opening(url: string): void
  result(result: SiteResult): void
}

export interface SessionOutcome {
  sessionId?: string
  /** The session is over at the service (ended by us, or finished on its own). */
  ended: boolean
  seconds?: number
  usage: CheckUsage
  stopped?: 'timeout' | 'cancelled' | 'service'
  /** The session failed as a whole (the results so far are kept). */
  error?: PorterError
}

/** How the person's profile is kept as it is while a session uses it, and the proof afterwards. */
export interface KeptUnchanged {
  /** The profile the session loads (the person's own, or a throwaway copy). */
  sessionProfileId: string
  strategy: ReadOnlyProof['strategy']
  explanation: string
  before: ProfileFacts
  /** A profile made for the check, for the journal (a crash still gets it deleted). */
  madeProfileId?: string
  /** After the session: compares, puts the upload back where needed, removes what was made. */
  finish(): Promise<Pick<ReadOnlyProof, 'after' | 'unchanged' | 'restored'> & { note?: string }>
  /** When the session never started: removes what was made. */
  discard(): Promise<void>
}

/**
 * A connection's check in the cloud, behind one interface as ProfileService is: the window and the
 * CLI never know which service runs it. Every session it starts it also ends.
 */
export interface CloudChecker {
  readonly kind: 'hcompany' | 'webrun'
  readonly serviceName: string
  /** The service's allowance in plain lines, and what would stop a check before it starts. */
  allowance(lastBalance?: number): Promise<{ lines: string[]; blocked?: PorterError }>
  readOnlyPlan(): Promise<string>
  keepUnchanged(profileId: string, signal: AbortSignal): Promise<KeptUnchanged>
  runSession(profileId: string, sites: SiteToCheck[], hooks: SessionHooks): Promise<SessionOutcome>
  /** Ends a session a run killed mid-way left behind (at the next start). */
  endSession(sessionId: string): Promise<void>
}
