import { PorterError } from '../../../shared/errors'
import type { ProfileService } from '../clouds/profile-service'
import type { ConnectionsService } from './connections-service'

type Method = Exclude<keyof ProfileService, 'capabilities'>

const METHODS: Method[] = [
  'list',
  'get',
  'createEmpty',
  'importArchive',
  'replaceArchive',
  'download',
  'delete',
  'getDefault',
  'setDefault',
  'unsetDefault',
  'updateLabels'
]

/** Said when a transfer (or its Retry) reaches for a connection the person removed. */
export function connectionRemoved(name?: string): PorterError {
  return new PorterError({
    // Not `not_found`: that would read as "the profile is gone already" to the clean-up code.
    code: 'unauthorized',
    message: `${name === undefined ? 'The connection this transfer used' : `The connection “${name}”`} was removed, so this transfer stopped.`,
    action: 'To send it anyway, add the connection again and start the transfer again.'
  })
}

/**
 * A connection's service as it is at each call, for transfers: a Retry uses the key saved now (a
 * key fixed in the settings counts), and a connection removed since ends the job plainly instead
 * of using a key the person took back.
 */
export async function followConnection(connections: ConnectionsService, id: string): Promise<ProfileService> {
  const first = await connections.serviceFor(id)
  const name = connections.labelFor(id)
  const current = async (): Promise<ProfileService> => {
    try {
      return await connections.serviceFor(id)
    } catch (error) {
      if (error instanceof PorterError && error.code === 'not_found') throw connectionRemoved(name)
      throw error
    }
  }
  const followed: Partial<Record<keyof ProfileService, unknown>> = { capabilities: first.capabilities }
  for (const method of METHODS) {
    if (first[method] === undefined) continue
    followed[method] = async (...args: unknown[]) => ((await current())[method] as (...inputs: unknown[]) => Promise<unknown>)(...args)
  }
  return followed as ProfileService
}
