import { PorterError } from '../../../shared/errors'
import { writeFileAtomic } from '../fs/private-files'
import { refreshPreview } from '../refresh/refresh-preview'
import { refreshJob } from '../transfers/refresh-job'
import type { PorterServices } from './porter-services'
import type { Handlers } from './handlers'
import { receiptDeps } from './receipt-deps'
import { followConnection } from '../settings/follow-connection'
import { receiptsAt } from '../receipts/receipts-at'

type RefreshHandlers = Pick<Handlers, 'transfers:startRefresh' | 'refresh:preview' | 'receipts:list' | 'receipts:export'>

function notFromHere(): PorterError {
  return new PorterError({
    code: 'not_found',
    message: 'This profile was not imported from this computer, so it cannot be updated from here.',
    action: 'Import the browser profile again, or update it from the computer it came from.'
  })
}

/** Updating a cloud profile from the browser profile it came from, and the receipts that say what each upload sent. */
export function refreshHandlers(services: PorterServices): RefreshHandlers {
  const { connections, browsers, transfers, journal, receipts, facts, shell, makePortable } = services
  const at = (connectionId: string | undefined) => receiptsAt(connections, connectionId)
  return {
    'refresh:preview': async ({ connectionId, profileId }) => {
      const origin = await receipts.latestFor(await at(connectionId), profileId)
      if (origin === undefined) return null
      const service = await connections.serviceFor(connectionId)
      const source = (await browsers.detect()).find((candidate) => candidate.ref === origin.source.ref)
      return refreshPreview(origin, source, service.capabilities.refreshKeepsId)
    },
    'transfers:startRefresh': async ({ connectionId, profileId, requireSignIns }, { emit }) => {
      const origin = await receipts.latestFor(await at(connectionId), profileId)
      if (origin === undefined) throw notFromHere()
      const spec = refreshJob(
        { connectionId, profileId, ...(requireSignIns === true ? { requireSignIns } : {}) },
        {
          service: await followConnection(connections, connectionId),
          journal,
          origin,
          serviceLabel: connections.labelFor(connectionId),
          detect: () => browsers.detect(),
          tempRoot: facts.tempRoot,
          sourceOs: facts.platform,
          makePortable,
          ...(await receiptDeps(services, connectionId))
        }
      )
      return transfers.start(spec, emit)
    },
    'receipts:list': async ({ connectionId, profileId }) =>
      receipts.list({ ...(await at(connectionId)), ...(profileId === undefined ? {} : { profileId }) }),
    'receipts:export': async (filter) => {
      const chosen = await receipts.list({
        ...(await at(filter.connectionId)),
        ...(filter.profileId === undefined ? {} : { profileId: filter.profileId })
      })
      if (chosen.length === 0)
        throw new PorterError({
          code: 'not_found',
          message: 'There are no receipts to export yet.',
          action: 'Receipts are written when a profile is imported or updated.'
        })
      const day = facts.now().toISOString().slice(0, 10)
      const target = await shell.chooseSavePath(`Profile Porter receipts ${day}.json`, 'Save receipts')
      if (target === undefined) return null
      await writeFileAtomic(target, `${JSON.stringify({ exportedAt: facts.now().toISOString(), receipts: chosen }, null, 2)}\n`)
      return target
    }
  }
}
