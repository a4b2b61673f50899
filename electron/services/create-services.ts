import { hostname } from 'node:os'
import { join } from 'node:path'
import type { AppInfo } from '../../shared/domain/app'
import { Notices } from './app/notices'
import { createNetwork } from './net/network'
import { environmentProxy, type ProxyFor } from './net/proxy-for'
import { trustedCertificates } from './net/trusted-certificates'
import type { PorterServices } from './api/create-porter-api'
import { createBrowsersService } from './browsers/browsers-service'
import { processAlive } from './browsers/running'
import { createLocalLibrary } from './clouds/local/local-library'
import type { Platform } from './os/paths'
import { createConnectionsService } from './settings/connections-service'
import type { SecretStore } from './settings/secret-store'
import type { KeySources } from './portability/key-sources'
import { portabilityStep } from './portability/make-portable'
import { osKeySources } from './portability/os-key-sources'
import { Journal } from './transfers/journal'
import { TransferRunner } from './transfers/transfer-runner'

/** OS facts every service may need, passed in so tests and the CLI can point them anywhere. */
export interface OsFacts {
  platform: Platform
  home: string
  env: NodeJS.ProcessEnv
  dataDir: string
  /** Where private work folders (staging, archives) are made; swept of crash leftovers at start. */
  tempRoot: string
  now: () => Date
}

/** What only the shell can do: OS-encrypted secrets, cookie keys, the save dialog, the file manager. */
export interface ShellAdapters {
  secrets: SecretStore
  /** How this computer hands out a browser's cookie key (Keychain, DPAPI, keyring); real OS calls by default. */
  keySources?: KeySources
  /** Which proxy a service address goes through: the system's settings in the app, HTTPS_PROXY elsewhere. */
  proxyFor?: ProxyFor
  chooseSavePath(suggestedName: string): Promise<string | undefined>
  showInFolder(path: string): void
}

export function createServices(facts: OsFacts, shell: ShellAdapters, app: Pick<AppInfo, 'version' | 'shell'>): PorterServices {
  const local = createLocalLibrary({ dataDir: facts.dataDir, now: facts.now })
  const notices = new Notices()
  const network = createNetwork({ proxyFor: shell.proxyFor ?? environmentProxy(), ca: () => trustedCertificates(facts.env) })
  return {
    appInfo: { name: 'Profile Porter', version: app.version, platform: facts.platform, shell: app.shell, keyStorage: shell.secrets.persistence },
    notices,
    facts,
    shell,
    connections: createConnectionsService({ dataDir: facts.dataDir, secrets: shell.secrets, env: facts.env, local, network, notices }),
    browsers: createBrowsersService({ ...facts, sourceOs: facts.platform, hostname: hostname(), isAlive: processAlive }),
    transfers: new TransferRunner(),
    journal: new Journal(join(facts.dataDir, 'journal')),
    makePortable: portabilityStep({ sourceOs: facts.platform, sources: shell.keySources ?? osKeySources(facts.platform) })
  }
}
