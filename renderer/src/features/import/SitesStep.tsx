import { useQuery } from '@tanstack/react-query'
import { AlertTriangle } from 'lucide-react'
import { useEffect } from 'react'
import type { DetectedProfile } from '../../../../shared/domain/detected-profile'
import { ErrorNotice } from '../../app/ErrorNotice'
import { queryKeys } from '../../app/queries'
import { porter } from '../../lib/porter'
import { IncludeToggles } from './IncludeToggles'
import { SiteList } from './SiteList'
import { withMode, withSuggestions, type SitesSelection } from './sites-selection'

/** Step 2: which sites' sign-ins leave this computer, and what else goes with them. */
export function SitesStep({
  profile,
  selection,
  onChange
}: {
  profile: DetectedProfile
  selection: SitesSelection
  onChange(selection: SitesSelection): void
}) {
  const sites = useQuery({
    queryKey: queryKeys.sites(profile.ref),
    queryFn: () => porter.browsers.sites({ ref: profile.ref }),
    staleTime: 30_000
  })
  useEffect(() => {
    if (sites.data !== undefined && selection.suggestedFor !== profile.ref) onChange(withSuggestions(selection, profile.ref, sites.data))
  }, [sites.data, selection, onChange, profile.ref])
  if (sites.isPending) return <p className="muted">Reading the sites in this profile…</p>
  if (sites.isError) return <ErrorNotice error={sites.error} onRetry={() => void sites.refetch()} />
  return (
    <div className="sites-step">
      <fieldset className="mode-choice">
        <legend>Whose sign-ins should go to the cloud browser?</legend>
        <label>
          <input type="radio" name="mode" checked={selection.mode === 'sites'} onChange={() => onChange(withMode(selection, 'sites'))} />
          <span>
            <strong>Only the sites I choose</strong> <span className="muted">(recommended)</span>
          </span>
        </label>
        <label>
          <input
            type="radio"
            name="mode"
            checked={selection.mode === 'everything'}
            onChange={() => onChange(withMode(selection, 'everything'))}
          />
          <strong>Everything in this profile</strong>
        </label>
      </fieldset>
      {selection.mode === 'everything' ? (
        <p className="warning-box" role="note">
          <AlertTriangle aria-hidden="true" size={16} /> Everything sends the sign-ins of every site in this profile — e-mail, banking and
          personal accounts included — with your bookmarks and saved form data. Choose it only for a browser profile kept for this work.
        </p>
      ) : sites.data.length === 0 ? (
        <p className="notice">
          This profile holds no sign-ins or site data yet. Sign in to the sites in the browser first, then come back.
        </p>
      ) : (
        <SiteList rows={sites.data} chosen={selection.chosen} onChange={(chosen) => onChange({ ...selection, chosen })} />
      )}
      <IncludeToggles
        include={selection.include}
        mode={selection.mode}
        {...(profile.family === 'firefox' && selection.mode === 'sites'
          ? {
              unavailable:
                'Firefox keeps history, bookmarks, form data and passwords for every site together, so with chosen sites they stay on this computer.'
            }
          : {})}
        onChange={(include) => onChange({ ...selection, include })}
      />
    </div>
  )
}
