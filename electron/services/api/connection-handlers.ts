import { connectionRemoved } from '../settings/follow-connection'
import type { Handlers } from './handlers'
import type { PorterServices } from './porter-services'

type ConnectionHandlers = Pick<
  Handlers,
  'connections:list' | 'connections:add' | 'connections:update' | 'connections:remove' | 'connections:test'
>

export function connectionHandlers({ connections, transfers }: PorterServices): ConnectionHandlers {
  return {
    'connections:list': () => connections.list(),
    'connections:add': (input) => connections.add(input),
    'connections:update': ({ id, ...changes }) => connections.update(id, changes),
    'connections:remove': async ({ id }) => {
      // Its transfers end first, while its key can still undo what they made at the service.
      if ((await connections.list()).some((connection) => connection.id === id))
        await transfers.endFor(id, connectionRemoved(connections.labelFor(id)))
      await connections.remove(id)
      return null
    },
    'connections:test': (input) => connections.test('id' in input ? input : { ...input, name: '' })
  }
}
