import { PorterError } from '../../../shared/errors'
import type { PorterServices } from './porter-services'
import type { Handlers } from './handlers'

type ProfileHandlers = Pick<
  Handlers,
  'profiles:list' | 'profiles:createEmpty' | 'profiles:delete' | 'profiles:setDefault' | 'profiles:updateLabels' | 'profiles:repair'
>

export function profileHandlers({ connections }: PorterServices): ProfileHandlers {
  return {
    'profiles:list': async ({ connectionId }) => {
      const service = await connections.serviceFor(connectionId)
      return { capabilities: service.capabilities, profiles: await service.list() }
    },
    'profiles:createEmpty': async ({ connectionId, name, description }) =>
      (await connections.serviceFor(connectionId)).createEmpty({ name, ...(description === undefined ? {} : { description }) }),
    'profiles:delete': async ({ connectionId, ids }) => {
      const service = await connections.serviceFor(connectionId)
      const deleted: string[] = []
      const missing: string[] = []
      const failed: Array<{ id: string; error: ReturnType<PorterError['toData']> }> = []
      // One at a time: a bulk delete must not trip a service's rate limit, and each failure is reported.
      for (const id of ids) {
        try {
          await service.delete(id)
          deleted.push(id)
        } catch (error) {
          if (error instanceof PorterError && error.code === 'not_found') missing.push(id)
          else
            failed.push({
              id,
              error: error instanceof PorterError ? error.toData() : { code: 'internal', message: 'Could not delete this profile.' }
            })
        }
      }
      return { deleted, missing, failed }
    },
    'profiles:setDefault': async ({ connectionId, id, isDefault }) => {
      const service = await connections.serviceFor(connectionId)
      return isDefault ? service.setDefault(id) : service.unsetDefault(id)
    },
    'profiles:updateLabels': async ({ connectionId, id, labels }) => (await connections.serviceFor(connectionId)).updateLabels(id, labels),
    'profiles:repair': async ({ connectionId, id }) => {
      const service = await connections.serviceFor(connectionId)
      if (service.repair === undefined)
        throw new PorterError({
          code: 'invalid_input',
          message: `${connections.labelFor(connectionId)} keeps its own records; there is nothing to repair here.`
        })
      return service.repair(id)
    }
  }
}
