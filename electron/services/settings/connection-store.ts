import Conf from 'conf'
import { ConnectionKind } from '../../../shared/domain/connection'

/** A connection as saved on disk: never the key itself, only where to find it. */
export interface StoredConnection {
  id: string
  kind: Exclude<ConnectionKind, 'local'>
  name: string
  baseUrl: string
  keyHint: string
  /** The CLI never stores a key: it names the environment variable that holds it. */
  keyEnv?: string
}

interface Settings {
  connections: StoredConnection[]
}

/** Settings in `settings.json` under the data folder, validated by a schema on every write. */
export function openConnectionStore(dataDir: string): { all(): StoredConnection[]; save(connections: StoredConnection[]): void } {
  const conf = new Conf<Settings>({
    cwd: dataDir,
    configName: 'settings',
    projectName: 'profile-porter',
    defaults: { connections: [] },
    schema: {
      connections: {
        type: 'array',
        items: {
          type: 'object',
          required: ['id', 'kind', 'name', 'baseUrl', 'keyHint'],
          additionalProperties: false,
          properties: {
            id: { type: 'string' },
            kind: { type: 'string', enum: ['hcompany', 'webrun'] },
            name: { type: 'string', minLength: 1, maxLength: 60 },
            baseUrl: { type: 'string' },
            keyHint: { type: 'string' },
            keyEnv: { type: 'string' }
          }
        }
      }
    }
  })
  return {
    all: () => conf.get('connections'),
    save: (connections) => conf.set('connections', connections)
  }
}
