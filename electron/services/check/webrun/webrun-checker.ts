import { PorterError } from '../../../../shared/errors'
import type { ProfileService } from '../../clouds/profile-service'
import { WEBRUN } from '../../clouds/webrun/webrun-service'
import type { Network } from '../../net/network'
import type { CloudChecker, SessionOutcome } from '../cloud-checker'
import { keepWebrunUnchanged } from './keep-unchanged'
import { webrunApi } from './webrun-api'
import { startRefusal } from './webrun-errors'
import { checkSite } from './webrun-task'

type Json = Record<string, unknown>

/** The check at WebRun: one session on a throwaway copy (or a kept snapshot), one look-only task per site. */
export function createWebrunChecker(options: {
  baseUrl: string
  apiKey: string
  network: Network
  profiles: ProfileService
  tempRoot: string
  pollMs?: number
}): CloudChecker {
  const api = webrunApi(options)

  /** Ends the session; one that is gone or over already counts as ended. */
  async function end(id: string): Promise<boolean> {
    try {
      await api.call('/start/send-message', {
        method: 'POST',
        body: { sessionId: id, message: { actionType: 'state', newState: 'terminate' } },
        timeoutMs: 30_000
      })
      return true
    } catch (error) {
      return error instanceof PorterError && error.status === 404
    }
  }

  return {
    kind: 'webrun',
    serviceName: WEBRUN,

    async allowance(lastBalance) {
      const lines = [
        lastBalance === undefined
          ? `${WEBRUN} reports your balance only when a session starts; it is shown after the check.`
          : `Your ${WEBRUN} balance at the last check: $${lastBalance.toFixed(2)}.`
      ]
      return { lines }
    },

    async readOnlyPlan() {
      const count = (await options.profiles.list()).length
      return count < (options.profiles.capabilities.maxProfiles ?? 20)
        ? `${WEBRUN} has no read-only switch, so Porter checks a throwaway copy of your profile and deletes it afterwards: your profile is not touched.`
        : `${WEBRUN} has no read-only switch and your account is at its 20 profiles, so Porter checks your profile itself and puts your upload back afterwards if ${WEBRUN} saved the visit.`
    },

    keepUnchanged: (profileId, signal) => keepWebrunUnchanged(options.profiles, profileId, options.tempRoot, signal),

    async runSession(profileId, sites, hooks): Promise<SessionOutcome> {
      const startedMs = hooks.now()
      let started: Json
      try {
        started = await api.call('/start/start-session', {
          method: 'POST',
          // No secrets, ever; and no chat reach-out: a guardrail is answered here, by stopping it.
          body: { profileId, mode: 'default', reachOutMode: 'off', initialTask: { taskDetails: '', maxDuration: 60_000 } },
          signal: hooks.signal,
          timeoutMs: 90_000
        })
      } catch (error) {
        throw startRefusal(error, api.refusal())
      }
      const id = String(started['sessionId'])
      const live = (started['streaming'] as Json | undefined)?.['webViewURL']
      const outcome: SessionOutcome = {
        sessionId: id,
        ended: false,
        usage: typeof started['balance'] === 'number' ? { balance: started['balance'] } : {}
      }
      const limit = new AbortController()
      const timer = setInterval(() => hooks.now() >= hooks.deadline && limit.abort(), 250)
      const signal = AbortSignal.any([hooks.signal, limit.signal])
      try {
        await hooks.started({ id, ...(typeof live === 'string' ? { liveViewUrl: live } : {}) })
        for (const [index, site] of sites.entries()) {
          hooks.opening(site.url)
          const perSite = Math.max(10_000, Math.min(hooks.stallMs, hooks.deadline - hooks.now()))
          // A task that brings no answer for too long is as stuck as the session: the check ends there.
          // The first, in a browser just started, is bounded by the overall deadline alone.
          const siteSignal = index === 0 ? signal : AbortSignal.any([signal, AbortSignal.timeout(hooks.stallMs)])
          const task = await checkSite(api, id, site, { signal: siteSignal, maxDurationMs: perSite, pollMs: options.pollMs ?? 2500 })
          if (task.tokens !== undefined) outcome.usage.tokens = (outcome.usage.tokens ?? 0) + task.tokens
          if (task.usd !== undefined) outcome.usage.usd = (outcome.usage.usd ?? 0) + task.usd
          if (task.result !== undefined) hooks.result(task.result)
          if (task.stopped !== undefined) {
            outcome.stopped = hooks.signal.aborted ? 'cancelled' : 'timeout'
            break
          }
        }
      } catch (error) {
        outcome.error =
          error instanceof PorterError
            ? error
            : new PorterError({ code: 'service', retryable: true, message: `${WEBRUN} ended the session with a problem.` })
      } finally {
        clearInterval(timer)
        // Always ended: "sessions cost money until terminated".
        outcome.ended = await end(id)
      }
      return { ...outcome, seconds: Math.round((hooks.now() - startedMs) / 1000) }
    },

    endSession: async (id) => void (await end(id))
  }
}
