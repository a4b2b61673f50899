import type { ServiceKind } from '../../../shared/domain/preflight'
import type { ArchiveFormat } from '../archive/create-archive'

export interface ServiceLimits {
  label: string
  format: ArchiveFormat
  maxArchiveBytes: number | undefined
  acceptsFirefox: boolean
}

/** What each destination takes, as the services document it: H Company a zip of at most 1 GiB, WebRun a 500 MB tar.gz of a Chrome profile. */
export const serviceLimits: Record<ServiceKind, ServiceLimits> = {
  hcompany: { label: 'H Company', format: 'zip', maxArchiveBytes: 1024 * 1024 * 1024, acceptsFirefox: true },
  webrun: { label: 'WebRun', format: 'tgz', maxArchiveBytes: 500 * 1024 * 1024, acceptsFirefox: false },
  local: { label: 'this computer', format: 'tgz', maxArchiveBytes: undefined, acceptsFirefox: true }
}
