import { PorterError } from '../../../shared/errors'
import { downloadJob } from '../transfers/download-job'
import { importJob } from '../transfers/import-job'
import type { PorterServices } from './porter-services'
import type { Handlers } from './handlers'
import { receiptDeps } from './receipt-deps'
import { connectionRemoved, followConnection } from '../settings/follow-connection'

type TransferHandlers = Pick<
  Handlers,
  | 'transfers:startImport'
  | 'transfers:startDownload'
  | 'transfers:list'
  | 'transfers:cancel'
  | 'transfers:retry'
  | 'transfers:clear'
  | 'transfers:showInFolder'
>

/** A file name any OS accepts: no separators, reserved characters or control characters. */
function fileNameFor(name: string, format: 'zip' | 'tgz'): string {
  const printable = [...name].filter((char) => char.charCodeAt(0) >= 0x20).join('')
  const safe =
    printable
      .replace(/[\\/:*?"<>|]+/g, ' ')
      .trim()
      .slice(0, 80) || 'profile'
  return `${safe}.${format === 'zip' ? 'zip' : 'tar.gz'}`
}

export function transferHandlers(services: PorterServices): TransferHandlers {
  const { connections, browsers, transfers, journal, facts, shell, makePortable, supplied } = services
  return {
    'transfers:startImport': async (input, { emit }) => {
      const service = await followConnection(connections, input.connectionId)
      const { supplied: suppliedId, ...request } = input
      // Resolved now, once: a retry of the job keeps them, and they leave the vault.
      const spec = importJob(
        { ...request, ...(suppliedId === undefined ? {} : { supplied: supplied.take(suppliedId, input.ref) }) },
        {
          service,
          journal,
          serviceLabel: connections.labelFor(input.connectionId),
          detect: () => browsers.detect(),
          tempRoot: facts.tempRoot,
          sourceOs: facts.platform,
          makePortable,
          ...(await receiptDeps(services, input.connectionId))
        }
      )
      return transfers.start(spec, emit)
    },
    'transfers:startDownload': async ({ connectionId, profileId }, { emit }) => {
      const service = await followConnection(connections, connectionId)
      const profile = await service.get(profileId)
      // The file is chosen in main, by the person, in the OS's own dialog — never named by the page.
      const target = await shell.chooseSavePath(fileNameFor(profile.name, service.capabilities.archiveFormat))
      if (target === undefined) return null
      return transfers.start(
        downloadJob({ connectionId, profileId, profileName: profile.name, targetFile: target }, { service, journal }),
        emit
      )
    },
    'transfers:list': async () => transfers.list(),
    'transfers:cancel': async ({ jobId }) => (transfers.cancel(jobId), null),
    'transfers:retry': async ({ jobId }, { emit }) => {
      const job = transfers.get(jobId)
      // A removed connection's key is gone for good: a Retry never reaches for it.
      if (!(await connections.list()).some((connection) => connection.id === job.connectionId)) throw connectionRemoved()
      return transfers.retry(jobId, emit)
    },
    'transfers:clear': async () => (transfers.clear(), null),
    'transfers:showInFolder': async ({ jobId }) => {
      const job = transfers.get(jobId)
      if (job.status !== 'done' || job.targetFile === undefined) {
        throw new PorterError({ code: 'invalid_input', message: 'There is no saved file for this transfer.' })
      }
      shell.showInFolder(job.targetFile)
      return null
    }
  }
}
