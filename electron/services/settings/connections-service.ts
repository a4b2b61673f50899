import { randomUUID } from 'node:crypto'
import { tmpdir } from 'node:os'
import { PorterError } from '../../../shared/errors'
import { count } from '../../../shared/format'
import { LOCAL_CONNECTION_ID, type Connection } from '../../../shared/domain/connection'
import type { Profile } from '../../../shared/domain/profile'
import { createHcompanyService } from '../clouds/hcompany/hcompany-service'
import type { ProfileService } from '../clouds/profile-service'
import { createWebrunService } from '../clouds/webrun/webrun-service'
import type { CloudChecker } from '../check/cloud-checker'
import { createHcompanyChecker } from '../check/hcompany/hcompany-checker'
import { createWebrunChecker } from '../check/webrun/webrun-checker'
import type { Notices } from '../app/notices'
import type { Network } from '../net/network'
import { accountLink } from './account-link'
import { openConnectionStore, type StoredConnection } from './connection-store'
import { withSecretsMasked } from '../clouds/http/mask-secrets'
import { keyHint } from './key-hint'
import type { SecretStore } from './secret-store'
import type { SettingsFile } from './settings-file'

export interface NewConnection {
  kind: StoredConnection['kind']
  name: string
  baseUrl: string
  apiKey?: string
  keyEnv?: string
}

export interface ConnectionsService {
  list(): Promise<Connection[]>
  add(connection: NewConnection): Promise<Connection>
  update(id: string, changes: { name?: string; baseUrl?: string; apiKey?: string }): Promise<Connection>
  remove(id: string): Promise<void>
  /** One list call; the answer in plain words. */
  /** One list call, the answer in plain words: a saved connection (with unsaved changes tried out) or a new one. */
  test(
    target: { id: string; baseUrl?: string; apiKey?: string } | NewConnection
  ): Promise<{ ok: boolean; message: string; profiles?: number }>
  serviceFor(id: string): Promise<ProfileService>
  labelFor(id: string): string
  /** The connection's check in the cloud (private copies go under `tempRoot`); none for the library on this computer. */
  checkerFor(id: string, tempRoot?: string): Promise<CloudChecker | undefined>
  /**
   * The account a connection reaches (accountLink), given one of its profiles if at hand;
   * undefined when it cannot be told now (the service unreachable, no key).
   */
  account(id: string, profile?: Profile): Promise<string | undefined>
}

export interface ConnectionsDeps {
  dataDir: string
  secrets: SecretStore
  env: NodeJS.ProcessEnv
  local: ProfileService
  network: Network
  notices?: Notices
  /** The settings file, when the app has opened it already (one conf instance per file). */
  settingsFile?: SettingsFile
}

const localConnection: Connection = { id: LOCAL_CONNECTION_ID, kind: 'local', name: 'This computer' }

function visible(stored: StoredConnection): Connection {
  return { id: stored.id, kind: stored.kind, name: stored.name, baseUrl: stored.baseUrl, keyHint: stored.keyHint }
}

function unknownConnection(): PorterError {
  return new PorterError({ code: 'not_found', message: 'That connection no longer exists.', action: 'Choose another connection.' })
}

/**
 * What to do about a refused key, said where the test was run: the form or the settings dialog the
 * person is in (never "open its settings" inside them), or the environment variable the CLI reads.
 */
function testAdvice(error: PorterError, target: { apiKey?: string | undefined; keyEnv?: string | undefined }): string | undefined {
  const refused = error.code === 'unauthorized' && error.status !== undefined
  if (!refused) return error.action
  if (target.keyEnv !== undefined && target.apiKey === undefined) return `Check the key in ${target.keyEnv}, then test again.`
  if (target.apiKey !== undefined) return 'Check the key you entered.'
  return 'Enter the right key under “New API key”, then test again.'
}

/** Connections to H Company and WebRun accounts, plus the always-present local library. */
export function createConnectionsService(deps: ConnectionsDeps): ConnectionsService {
  const store = openConnectionStore(deps.dataDir, undefined, deps.settingsFile)
  if (store.recovered !== undefined) deps.notices?.push(store.recovered)
  const find = (id: string) => store.all().find((connection) => connection.id === id)

  async function keyOf(connection: StoredConnection): Promise<string> {
    if (connection.keyEnv !== undefined) {
      const fromEnv = deps.env[connection.keyEnv]
      if (fromEnv === undefined || fromEnv === '') {
        throw new PorterError({
          code: 'unauthorized',
          message: `The API key for “${connection.name}” is read from ${connection.keyEnv}, which is not set.`,
          action: `Set ${connection.keyEnv} to the key, then try again.`
        })
      }
      return fromEnv
    }
    const key = await deps.secrets.get(connection.id)
    if (key === undefined)
      throw new PorterError({
        code: 'unauthorized',
        message: `No API key is saved for “${connection.name}”.`,
        action: 'Open its settings (the ⋯ button beside its name) and enter the API key again.'
      })
    return key
  }

  function build(kind: StoredConnection['kind'], baseUrl: string, apiKey: string): ProfileService {
    const options = { baseUrl, apiKey, network: deps.network }
    // Whatever a service says back (an error body that echoes the key) reaches no one with the key in it.
    return withSecretsMasked(kind === 'hcompany' ? createHcompanyService(options) : createWebrunService(options), [apiKey])
  }

  // One service per connection for the life of the process: WebRun's pacer must see every request.
  const built = new Map<string, { service: ProfileService; made: string }>()
  const owners = new Map<string, string>()
  function serviceOf(connection: StoredConnection, key: string): ProfileService {
    const made = `${connection.kind} ${connection.baseUrl} ${key}`
    const existing = built.get(connection.id)
    if (existing?.made === made) return existing.service
    const service = build(connection.kind, connection.baseUrl, key)
    built.set(connection.id, { service, made })
    return service
  }

  return {
    async list() {
      return [localConnection, ...store.all().map(visible)]
    },

    async add(connection) {
      const key = connection.apiKey ?? (connection.keyEnv === undefined ? undefined : deps.env[connection.keyEnv])
      if (key === undefined || key === '')
        throw new PorterError({ code: 'invalid_input', message: 'Enter the API key for this connection.' })
      if (store.all().some((existing) => existing.name.toLowerCase() === connection.name.trim().toLowerCase())) {
        throw new PorterError({
          code: 'conflict',
          message: `A connection named “${connection.name.trim()}” already exists.`,
          action: 'Choose another name.'
        })
      }
      const stored: StoredConnection = {
        id: randomUUID(),
        kind: connection.kind,
        name: connection.name.trim(),
        baseUrl: connection.baseUrl,
        keyHint: keyHint(key),
        ...(connection.keyEnv === undefined ? {} : { keyEnv: connection.keyEnv })
      }
      if (connection.keyEnv === undefined) await deps.secrets.set(stored.id, key)
      store.save([...store.all(), stored])
      return visible(stored)
    },

    async update(id, changes) {
      const current = find(id)
      if (current === undefined) throw unknownConnection()
      const name = changes.name?.trim()
      if (name !== undefined && store.all().some((other) => other.id !== id && other.name.toLowerCase() === name.toLowerCase())) {
        throw new PorterError({ code: 'conflict', message: `A connection named “${name}” already exists.`, action: 'Choose another name.' })
      }
      const next: StoredConnection = {
        ...current,
        ...(changes.name === undefined ? {} : { name: changes.name.trim() }),
        ...(changes.baseUrl === undefined ? {} : { baseUrl: changes.baseUrl }),
        ...(changes.apiKey === undefined ? {} : { keyHint: keyHint(changes.apiKey) })
      }
      if (changes.apiKey !== undefined) await deps.secrets.set(id, changes.apiKey)
      store.save(store.all().map((connection) => (connection.id === id ? next : connection)))
      return visible(next)
    },

    async remove(id) {
      if (id === LOCAL_CONNECTION_ID)
        throw new PorterError({ code: 'invalid_input', message: 'The library on this computer cannot be removed.' })
      if (find(id) === undefined) throw unknownConnection()
      store.save(store.all().filter((connection) => connection.id !== id))
      built.delete(id)
      await deps.secrets.delete(id)
    },

    async test(target) {
      try {
        let service: ProfileService
        if ('id' in target) {
          const current = find(target.id)
          if (current === undefined) service = await this.serviceFor(target.id)
          else if (target.baseUrl === undefined && target.apiKey === undefined) service = await this.serviceFor(target.id)
          else service = build(current.kind, target.baseUrl ?? current.baseUrl, target.apiKey ?? (await keyOf(current)))
        } else {
          const key = target.apiKey ?? (target.keyEnv === undefined ? '' : (deps.env[target.keyEnv] ?? ''))
          service = build(target.kind, target.baseUrl, key)
        }
        const profiles = await service.list()
        return {
          ok: true,
          message: `Connected. ${count(profiles.length, 'profile')} found.`,
          profiles: profiles.length
        }
      } catch (error) {
        if (!(error instanceof PorterError)) throw error
        const keySource = 'id' in target ? { ...target, keyEnv: find(target.id)?.keyEnv } : target
        return { ok: false, message: [error.message, testAdvice(error, keySource)].filter(Boolean).join(' ') }
      }
    },

    async serviceFor(id) {
      if (id === LOCAL_CONNECTION_ID) return deps.local
      const connection = find(id)
      if (connection === undefined) throw unknownConnection()
      return serviceOf(connection, await keyOf(connection))
    },

    labelFor(id) {
      if (id === LOCAL_CONNECTION_ID) return 'this computer'
      return find(id)?.name ?? 'the service'
    },

    async checkerFor(id, tempRoot = tmpdir()) {
      if (id === LOCAL_CONNECTION_ID) return undefined
      const connection = find(id)
      if (connection === undefined) throw unknownConnection()
      const apiKey = await keyOf(connection)
      const options = { baseUrl: connection.baseUrl, apiKey, network: deps.network, profiles: serviceOf(connection, apiKey) }
      return connection.kind === 'hcompany' ? createHcompanyChecker(options) : createWebrunChecker({ ...options, tempRoot })
    },

    async account(id, profile) {
      if (id === LOCAL_CONNECTION_ID) return accountLink('local', '', undefined, '')
      const connection = find(id)
      if (connection === undefined) return undefined
      try {
        const key = await keyOf(connection)
        const made = `${connection.kind} ${connection.baseUrl} ${key}`
        // Asked once per key and address: every profile of an account names the same owner.
        const owner = profile?.owner ?? owners.get(made) ?? (await serviceOf(connection, key).list()).find((p) => p.owner)?.owner
        if (owner !== undefined) owners.set(made, owner)
        return accountLink(connection.kind, connection.baseUrl, owner, key)
      } catch (error) {
        if (error instanceof PorterError) return undefined
        throw error
      }
    }
  }
}
