import type { Handlers } from '../electron/services/api/handlers'
import { stubHandlers } from '../test/support/stub-handlers'

/** What the window asks for on its first screen, answered as a fresh install would; `partial` adds the bench's own. */
export function firstScreenHandlers(partial: Partial<Handlers>): Handlers {
  return stubHandlers({
    'app:getInfo': async () => ({ name: 'Profile Porter', version: 'bench', platform: 'linux', shell: 'bridge', keyStorage: 'session' }),
    'app:takeNotices': async () => [],
    'app:getUpdateState': async () => ({ status: 'off', message: 'Updates are off in this bench.' }),
    'checks:list': async () => [],
    'transfers:list': async () => [],
    ...partial
  })
}
