import { useQuery } from '@tanstack/react-query'
import { AlertTriangle, Globe } from 'lucide-react'
import { useEffect } from 'react'
import type { DetectedProfile } from '../../../../shared/domain/detected-profile'
import { quitAdvice } from '../../../../shared/domain/quit-advice'
import { formatBytes } from '../../../../shared/format'
import { ErrorNotice } from '../../app/ErrorNotice'
import { useDetectedProfiles } from '../../app/queries'
import { porter } from '../../lib/porter'
import { relativeTime } from '../../lib/time'

function SizeOf({ profileRef }: { profileRef: string }) {
  const size = useQuery({
    queryKey: ['measure', profileRef],
    queryFn: () => porter.browsers.measure({ ref: profileRef }),
    staleTime: 60_000
  })
  if (size.data === undefined) return <span className="muted">measuring…</span>
  return <span>{formatBytes(size.data.uploadBytes)} to send</span>
}

/** Step 1: the browser profiles on this computer, as cards; the only one, when there is one, is chosen already. */
export function PickStep({ chosen, onChoose }: { chosen: DetectedProfile | undefined; onChoose(profile: DetectedProfile): void }) {
  const detected = useDetectedProfiles()
  const only = detected.data?.length === 1 ? detected.data[0] : undefined
  useEffect(() => {
    if (only !== undefined && chosen === undefined) onChoose(only)
  }, [only, chosen, onChoose])
  if (detected.isPending) return <p className="muted">Looking for browsers on this computer…</p>
  if (detected.isError) return <ErrorNotice error={detected.error} onRetry={() => void detected.refetch()} />
  if (detected.data.length === 0) {
    return (
      <p>
        No browser profiles were found on this computer. Profile Porter reads Chrome, Edge, Brave, Chromium, Vivaldi, Opera, Arc, Yandex and
        Firefox.
      </p>
    )
  }
  return (
    <fieldset className="profile-cards">
      <legend>Which browser profile should be imported?</legend>
      {detected.data.map((profile) => (
        <label key={profile.ref} className="profile-card" data-chosen={chosen?.ref === profile.ref || undefined}>
          <input type="radio" name="profile" value={profile.ref} checked={chosen?.ref === profile.ref} onChange={() => onChoose(profile)} />
          <Globe aria-hidden="true" size={22} />
          <span className="card-body">
            <strong>{profile.name}</strong>
            <span className="muted">
              {profile.browserName}
              {profile.browserVersion ? ` ${profile.browserVersion.split('.')[0]}` : ''}
              {profile.email ? ` · ${profile.email}` : ''}
            </span>
            <span className="muted">
              <SizeOf profileRef={profile.ref} />
              {profile.lastActiveAt ? ` · used ${relativeTime(profile.lastActiveAt)}` : ''}
            </span>
            {profile.running === 'running' && (
              <span className="warning">
                <AlertTriangle aria-hidden="true" size={14} /> {profile.browserName} is running.{' '}
                {quitAdvice(profile.browserName, 'click Check again')}
              </span>
            )}
          </span>
        </label>
      ))}
      <button type="button" className="btn ghost" onClick={() => void detected.refetch()}>
        Check again
      </button>
    </fieldset>
  )
}
