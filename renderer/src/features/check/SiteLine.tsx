import { BadgeCheck, CircleDashed, HelpCircle, Loader2, ShieldAlert, XCircle } from 'lucide-react'
import type { CheckedSite, SiteState } from '../../../../shared/domain/check'

const words: Record<SiteState, string> = {
  signed_in: 'Signed in',
  login_page: 'Not signed in: sign-in page',
  second_factor: 'Needs a second step',
  blocked: 'Blocked by a robot check',
  unreachable: 'Could not be reached',
  unknown: 'Could not tell',
  not_checked: 'Not checked'
}
const predicted = { signed_in: 'signed in', signed_out: 'signed out', unknown: 'no prediction' }

function Icon({ site }: { site: CheckedSite }) {
  if (site.state === 'signed_in') return <BadgeCheck aria-hidden="true" size={16} className="ok" />
  if (site.state === 'login_page') return <XCircle aria-hidden="true" size={16} className="bad" />
  if (site.state === 'second_factor' || site.state === 'blocked') return <ShieldAlert aria-hidden="true" size={16} className="warn" />
  if (site.state !== undefined) return <HelpCircle aria-hidden="true" size={16} />
  if (site.progress === 'opening') return <Loader2 aria-hidden="true" size={16} className="spin" />
  return <CircleDashed aria-hidden="true" size={16} />
}

/** One site's live line: waiting, opening, then its state, with the evidence one click away. */
export function SiteLine({ site }: { site: CheckedSite }) {
  const line = site.state !== undefined ? words[site.state] : site.progress === 'opening' ? 'Opening…' : 'Waiting'
  return (
    <li className="check-line">
      <div className="check-line-head">
        <Icon site={site} />
        <strong>{site.site}</strong>
        <span>{line}</span>
      </div>
      {site.note !== undefined && <p className="muted">{site.note}</p>}
      {site.state !== undefined && site.state !== 'not_checked' && (
        <details>
          <summary>Evidence for {site.site}</summary>
          <dl className="details">
            <dt>Final address</dt>
            <dd className="wrap">{site.finalUrl ?? '—'}</dd>
            <dt>Page title</dt>
            <dd>{site.title ?? '—'}</dd>
            <dt>What the service saw</dt>
            <dd>{site.evidence ?? '—'}</dd>
            <dt>Service's own record</dt>
            <dd className="wrap">{site.serviceRecord ?? '—'}</dd>
            <dt>Porter predicted</dt>
            <dd>{predicted[site.predicted]}</dd>
          </dl>
        </details>
      )}
    </li>
  )
}
