import { homedir, tmpdir } from 'node:os'
import { join } from 'node:path'
import { PorterError } from '../../shared/errors'
import { LOCAL_CONNECTION_ID, type Connection } from '../../shared/domain/connection'
import type { DetectedProfile } from '../../shared/domain/detected-profile'
import { shown } from './output'
import { UsageError } from './usage'
import { createPorterApi } from '../services/api/create-porter-api'
import type { PorterServices } from '../services/api/porter-services'
import { createServices } from '../services/create-services'
import { currentPlatform, defaultDataDir } from '../services/os/paths'
import type { SecretStore } from '../services/settings/secret-store'
import { version } from '../../package.json'
import { createLog, logLevelFrom } from '../services/logging/logger'

/** The CLI keeps no keys: a connection it uses names the environment variable that holds one. */
const noStoredKeys: SecretStore = {
  persistence: 'none',
  get: async () => undefined,
  set: async () => {
    throw new PorterError({
      code: 'invalid_input',
      message: 'The command line never stores API keys.',
      action: 'Use --key-env to name the environment variable that holds the key.'
    })
  },
  delete: async () => undefined
}

export interface CliContext {
  services: PorterServices
  api: ReturnType<typeof createPorterApi>
  connection(name: string | undefined): Promise<Connection>
  /** A browser profile by its ref, or a usage mistake that points to `porter browsers`. */
  profile(ref: string): Promise<DetectedProfile>
}

/** `logFile`: --log-file, the only log the CLI writes (levels from PORTER_LOG_LEVEL, secrets redacted). */
export function createCliContext(env: NodeJS.ProcessEnv, logFile?: string): CliContext {
  const platform = currentPlatform()
  const realHome = homedir()
  const facts = {
    platform,
    home: env['PORTER_HOME'] || realHome,
    env,
    dataDir: defaultDataDir(platform, realHome, env),
    tempRoot: tmpdir(),
    now: () => new Date()
  }
  const services = createServices(
    facts,
    {
      secrets: noStoredKeys,
      chooseSavePath: async (name) => join(process.cwd(), name),
      chooseOpenPath: async () => undefined,
      showInFolder: () => undefined,
      ...(logFile === undefined ? {} : { log: createLog({ file: logFile, level: logLevelFrom(env) }) })
    },
    { version, shell: 'bridge' }
  )
  return {
    services,
    api: createPorterApi(services),
    async profile(ref) {
      const found = (await services.browsers.detect()).find((candidate) => candidate.ref === ref)
      if (found === undefined)
        throw new UsageError(
          `No browser profile “${shown(ref)}” was found on this computer. Run porter browsers to see the refs (like chrome:Default).`
        )
      return found
    },
    async connection(name) {
      const all = await services.connections.list()
      if (name === undefined) return all.find((c) => c.id === LOCAL_CONNECTION_ID) as Connection
      const found = all.find((c) => c.name.toLowerCase() === name.toLowerCase() || c.id === name)
      if (found === undefined) {
        throw new PorterError({
          code: 'not_found',
          message: `There is no connection named “${name}”.`,
          action: `Known connections: ${all.map((c) => c.name).join(', ')}.`
        })
      }
      return found
    }
  }
}
