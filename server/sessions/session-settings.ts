import { readSmallBody, sendJson } from '../http/respond'
import type { Router } from '../http/router'

/**
 * The session side of both twins: allowances, limits and prices as the services count them, plus
 * the faults tests inject. Changed at run time through `POST /_reference/sessions/settings`.
 */
export interface SessionSettings {
  /** H Company's token allowance for the period, and what is used of it. */
  tokensLimit: number
  tokensUsed: number
  tokensPerStep: number
  /** What H Company answers when the allowance is used up (undocumented: 402 or 429). */
  tokensExhaustedStatus: number
  /** H Company's concurrent sessions (Free plan: 3). */
  concurrentSessions: number
  /** WebRun's balance in USD, what one task costs, and its sessions at once. */
  balance: number
  costPerTask: number
  webrunSessions: number
  /** WebRun answers a task inline when it finishes within this, else hands out a poll address. */
  inlineWaitMs: number
  /** WebRun saves the session's browser state into the attached profile when the session ends (undocumented; on by default). */
  webrunSavesProfile: boolean
  /** Sessions stop making progress after their first site (a session that never finishes). */
  stall: boolean
  /** Cloud browsers at once; at 0, sessions fail as at a service with no free browser. */
  maxBrowsers: number
  /** A faulty H Company: it saves a session's state into the profile even when asked not to. */
  hcompanySavesAlways: boolean
}

export function defaultSessionSettings(): SessionSettings {
  return {
    tokensLimit: 15_000_000,
    tokensUsed: 0,
    tokensPerStep: 3000,
    tokensExhaustedStatus: 402,
    concurrentSessions: 3,
    balance: 12.5,
    costPerTask: 0.0124,
    webrunSessions: 5,
    inlineWaitMs: 50_000,
    webrunSavesProfile: true,
    stall: false,
    maxBrowsers: 2,
    hcompanySavesAlways: false
  }
}

/** Twin-only: read and change the settings (tests inject no credits, full quotas, stalls). */
export function registerSessionSettings(router: Router, settings: SessionSettings, report: () => unknown): void {
  router.add('POST', '/_reference/sessions/settings', async ({ request, response }) => {
    let changes: unknown
    try {
      changes = JSON.parse((await readSmallBody(request)) || '{}')
    } catch {
      return sendJson(response, 400, { detail: 'Invalid JSON body' })
    }
    for (const [key, value] of Object.entries(changes as Record<string, unknown>)) {
      if (key in settings && typeof value === typeof settings[key as keyof SessionSettings]) Object.assign(settings, { [key]: value })
    }
    sendJson(response, 200, settings)
  })
  router.add('GET', '/_reference/sessions', ({ response }) => sendJson(response, 200, report()))
}
