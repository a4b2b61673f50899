import type { Handlers } from './handlers'
import type { PorterServices } from './porter-services'

type ConnectionHandlers = Pick<
  Handlers,
  'connections:list' | 'connections:add' | 'connections:update' | 'connections:remove' | 'connections:test'
>

export function connectionHandlers({ connections }: PorterServices): ConnectionHandlers {
  return {
    'connections:list': () => connections.list(),
    'connections:add': (input) => connections.add(input),
    'connections:update': ({ id, ...changes }) => connections.update(id, changes),
    'connections:remove': async ({ id }) => (await connections.remove(id), null),
    'connections:test': (input) => connections.test('id' in input ? input : { ...input, name: '' })
  }
}
