import { useQuery } from '@tanstack/react-query'
import { AlertTriangle, Info, XOctagon } from 'lucide-react'
import type { Connection } from '../../../../shared/domain/connection'
import type { DetectedProfile } from '../../../../shared/domain/detected-profile'
import type { PreflightReport } from '../../../../shared/domain/preflight'
import { formatBytes } from '../../../../shared/format'
import { ErrorNotice } from '../../app/ErrorNotice'
import { queryKeys } from '../../app/queries'
import { porter } from '../../lib/porter'

const icons = { blocking: XOctagon, warning: AlertTriangle, info: Info }

export function usePreflight(profile: DetectedProfile, connection: Connection) {
  return useQuery({
    queryKey: queryKeys.preflight(profile.ref, connection.id),
    queryFn: () => porter.browsers.preflight({ ref: profile.ref, connectionId: connection.id }),
    staleTime: 0
  })
}

/** Step 3: what will be sent, where, and what to know first — in plain words. */
export function ReviewStep({ profile, connection, name, report }: { profile: DetectedProfile; connection: Connection; name: string; report: ReturnType<typeof usePreflight> }) {
  if (report.isPending) return <p className="muted">Checking the profile…</p>
  if (report.isError) return <ErrorNotice error={report.error} onRetry={() => void report.refetch()} />
  const data: PreflightReport = report.data
  const destination = connection.kind === 'local' ? 'the library on this computer' : connection.name
  return (
    <div className="review">
      <p>
        <strong>{profile.name}</strong> from {profile.browserName} will be packed as “{name}” and sent to <strong>{destination}</strong>:{' '}
        {formatBytes(data.size.uploadBytes)} in {data.size.uploadFiles} files, about {formatBytes(data.packedBytes)} packed. Caches and other data a browser
        rebuilds by itself are left out.
      </p>
      <p className="notice">This copy holds your logins for the sites you are signed in to. It goes only to {destination}; nothing else leaves this computer.</p>
      <ul className="findings">
        {data.findings.map((finding) => {
          const Icon = icons[finding.severity]
          return (
            <li key={finding.id} className={`finding finding-${finding.severity}`}>
              <Icon aria-hidden="true" size={16} />
              <span>
                <span className="visually-hidden">{finding.severity === 'blocking' ? 'Must be fixed: ' : finding.severity === 'warning' ? 'Warning: ' : ''}</span>
                {finding.message}
              </span>
            </li>
          )
        })}
      </ul>
    </div>
  )
}
