import { useQuery } from '@tanstack/react-query'
import { AlertTriangle, Info, XOctagon } from 'lucide-react'
import type { Connection } from '../../../../shared/domain/connection'
import type { DetectedProfile } from '../../../../shared/domain/detected-profile'
import type { PreflightReport } from '../../../../shared/domain/preflight'
import type { IncludeOptions, SiteChoice } from '../../../../shared/domain/sites'
import type { SuppliedSummary } from '../../../../shared/domain/supplied'
import { count, formatBytes } from '../../../../shared/format'
import { ErrorNotice } from '../../app/ErrorNotice'
import { queryKeys } from '../../app/queries'
import { includeWords } from '../../lib/include-words'
import { porter } from '../../lib/porter'
import { LockedSignIns } from './LockedSignIns'

const icons = { blocking: XOctagon, warning: AlertTriangle, info: Info }

/** Which sites travel and what goes with them, as the sites step left it. */
export interface Pack {
  choice: SiteChoice
  include: IncludeOptions
}

export function usePreflight(profile: DetectedProfile, connection: Connection, pack: Pack) {
  return useQuery({
    queryKey: queryKeys.preflight(profile.ref, connection.id, pack),
    queryFn: () => porter.browsers.preflight({ ref: profile.ref, connectionId: connection.id, ...pack }),
    staleTime: 0
  })
}

function PackSummary({ pack }: { pack: Pack }) {
  const { sent, kept } = includeWords(pack.include)
  const sites = pack.choice.mode === 'sites' ? pack.choice.sites : []
  return (
    <ul className="pack-summary">
      <li>
        {pack.choice.mode === 'everything' ? (
          <strong>Every site in this profile.</strong>
        ) : (
          <>
            <strong>{count(sites.length, 'site')}:</strong> {sites.slice(0, 12).join(', ')}
            {sites.length > 12 ? ` and ${sites.length - 12} more` : ''}. Other sites’ cookies and data stay on this computer.
          </>
        )}
      </li>
      {sent.length > 0 && <li>Also sent: {sent.join(', ')}.</li>}
      {kept.length > 0 && <li>Stays on this computer: {kept.join(', ')}.</li>}
    </ul>
  )
}

/** Step 4: what will be sent, where, and what to know first — in plain words. */
interface ReviewStepProps {
  profile: DetectedProfile
  connection: Connection
  name: string
  pack: Pack
  report: ReturnType<typeof usePreflight>
  supplied: SuppliedSummary | undefined
  onSupplied(summary: SuppliedSummary): void
}

export function ReviewStep({ profile, connection, name, pack, report, supplied, onSupplied }: ReviewStepProps) {
  if (report.isPending) return <p className="muted">Checking the profile…</p>
  if (report.isError) return <ErrorNotice error={report.error} onRetry={() => void report.refetch()} />
  const data: PreflightReport = report.data
  const destination = connection.kind === 'local' ? 'the library on this computer' : connection.name
  return (
    <div className="review">
      <p>
        <strong>{profile.name}</strong> from {profile.browserName} will be packed as “{name}” and sent to <strong>{destination}</strong>:{' '}
        {formatBytes(data.size.uploadBytes)} in {count(data.size.uploadFiles, 'file')}, about {formatBytes(data.packedBytes)} packed. Caches
        and other data a browser rebuilds by itself are left out.
      </p>
      <PackSummary pack={pack} />
      <p className="notice">
        This copy holds your sign-ins for the sites above. It goes only to {destination}; nothing else leaves this computer.
      </p>
      <LockedSignIns profile={profile} report={data} supplied={supplied} onSupplied={onSupplied} />
      <ul className="findings">
        {data.findings.map((finding) => {
          const Icon = icons[finding.severity]
          return (
            <li key={finding.id} className={`finding finding-${finding.severity}`}>
              <Icon aria-hidden="true" size={16} />
              <span>
                <span className="visually-hidden">
                  {finding.severity === 'blocking' ? 'Must be fixed: ' : finding.severity === 'warning' ? 'Warning: ' : ''}
                </span>
                {finding.message}
              </span>
            </li>
          )
        })}
      </ul>
    </div>
  )
}
