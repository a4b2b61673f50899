import { readFile } from 'node:fs/promises'
import { join } from 'node:path'
import { z } from 'zod'
import { Connection, LOCAL_CONNECTION_ID } from '../../../shared/domain/connection'

export interface ConnectionsService {
  list(): Promise<Connection[]>
}

const StoredConnections = z.object({ connections: z.array(Connection) })

const localLibrary: Connection = { id: LOCAL_CONNECTION_ID, kind: 'local', name: 'This computer' }

/** Connections live in `connections.json` under the app's data folder; the local library is always first. */
export function createConnectionsService(options: { dataDir: string }): ConnectionsService {
  const file = join(options.dataDir, 'connections.json')
  return {
    async list() {
      const stored = await readStored(file)
      return [localLibrary, ...stored.filter((connection) => connection.id !== LOCAL_CONNECTION_ID)]
    }
  }
}

async function readStored(file: string): Promise<Connection[]> {
  let text: string
  try {
    text = await readFile(file, 'utf8')
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return []
    throw error
  }
  const parsed = StoredConnections.safeParse(JSON.parse(text))
  return parsed.success ? parsed.data.connections : []
}
