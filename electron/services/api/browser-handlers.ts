import { LOCAL_CONNECTION_ID } from '../../../shared/domain/connection'
import type { ServiceKind } from '../../../shared/domain/preflight'
import type { PorterServices } from './porter-services'
import type { Handlers } from './handlers'
import { accountFindings } from '../preflight/account-check'

type BrowserHandlers = Pick<Handlers, 'browsers:detect' | 'browsers:measure' | 'browsers:preflight' | 'browsers:sites'>

export function browserHandlers({ browsers, connections }: PorterServices): BrowserHandlers {
  return {
    'browsers:detect': () => browsers.detect(),
    'browsers:measure': ({ ref }) => browsers.measure(ref),
    'browsers:preflight': async ({ ref, connectionId, choice, include }) => {
      const kind: ServiceKind =
        connectionId === LOCAL_CONNECTION_ID
          ? 'local'
          : (((await connections.list()).find((c) => c.id === connectionId)?.kind as ServiceKind | undefined) ?? 'local')
      const report = await browsers.preflight(ref, kind, {
        ...(choice === undefined ? {} : { choice }),
        ...(include === undefined ? {} : { include })
      })
      const account = await accountFindings(await connections.serviceFor(connectionId), connections.labelFor(connectionId))
      return { ...report, findings: [...account, ...report.findings] }
    },
    'browsers:sites': ({ ref }) => browsers.sites(ref)
  }
}
