import { PorterError } from '../../../shared/errors'
import { checkPlan, noCloud } from '../check/check-plan'
import { predictionFor } from '../check/prediction'
import { sitesToCheck } from '../check/site-address'
import { receiptsAt } from '../receipts/receipts-at'
import type { Handlers } from './handlers'
import type { PorterServices } from './porter-services'
import { textOrder } from '../../../shared/text-order'

type CheckHandlers = Pick<Handlers, 'checks:plan' | 'checks:start' | 'checks:stop' | 'checks:watchLive' | 'checks:list'>

/** Checks in the cloud: what one would cost, starting and stopping it, its live view, and the results kept. */
export function checkHandlers({ connections, receipts, checks, checkResults, facts, shell }: PorterServices): CheckHandlers {
  return {
    'checks:plan': async ({ connectionId, profileId, sites }) =>
      checkPlan({ tempRoot: facts.tempRoot, connections, receipts, checks: checkResults }, connectionId, profileId, sites),

    'checks:start': async ({ connectionId, profileId, sites, timeoutSeconds }, { emit }) => {
      const chosen = sitesToCheck(sites)
      const checker = await connections.checkerFor(connectionId, facts.tempRoot)
      if (checker === undefined) throw noCloud()
      const connection = (await connections.list()).find((candidate) => candidate.id === connectionId)
      const profile = await (await connections.serviceFor(connectionId)).get(profileId)
      // Known before anything is spent: no credits, or every session slot busy.
      const { blocked } = await checker.allowance()
      if (blocked !== undefined) throw blocked
      const receipt = await receipts.latestFor(await receiptsAt(connections, connectionId, profile), profileId)
      return checks.start(
        {
          connection: { id: connectionId, name: connection?.name ?? checker.serviceName, kind: checker.kind },
          profile: { id: profile.id, name: profile.name },
          ...(receipt === undefined ? {} : { receipt }),
          checker,
          sites: chosen.map((site) => ({ ...site, predicted: predictionFor(receipt, site.url) })),
          ...(timeoutSeconds === undefined ? {} : { timeoutMs: timeoutSeconds * 1000 })
        },
        emit
      )
    },

    'checks:stop': async ({ checkId }) => (checks.stop(checkId), null),

    'checks:watchLive': async ({ checkId }) => {
      const url = checks.liveViewUrl(checkId)
      if (url === undefined)
        throw new PorterError({ code: 'not_found', message: 'There is no live view now: the session has ended or has not started yet.' })
      // The address shows private pages: it goes to the person's browser, never into the window or a log.
      if ((await shell.openExternal?.(url)) !== true)
        throw new PorterError({
          code: 'forbidden',
          message: 'The service gave a live-view address Profile Porter does not open (only secure https addresses are opened).'
        })
      return null
    },

    'checks:list': async ({ connectionId, profileId }) => {
      const mine = (check: { connection: { id: string }; profile: { id: string } }) =>
        check.connection.id === connectionId && (profileId === undefined || check.profile.id === profileId)
      const running = checks.running().filter(mine)
      const kept = (await checkResults.list({ connectionId, ...(profileId === undefined ? {} : { profileId }) })).filter(
        (check) => !running.some((live) => live.id === check.id)
      )
      return [...running, ...kept].sort((a, b) => textOrder(b.startedAt, a.startedAt))
    }
  }
}
