import { useMutation } from '@tanstack/react-query'
import { Copy, FileUp, KeyRound } from 'lucide-react'
import type { DetectedProfile } from '../../../../shared/domain/detected-profile'
import type { PreflightReport } from '../../../../shared/domain/preflight'
import { quitAdvice } from '../../../../shared/domain/quit-advice'
import { liveSwitch, type SuppliedSummary } from '../../../../shared/domain/supplied'
import { count, noun } from '../../../../shared/format'
import { ErrorNotice } from '../../app/ErrorNotice'
import { porter } from '../../lib/porter'
import { useNotices } from '../../state/notices-store'

/** Cookies the disk copy may not move: app-bound ones surely, those behind an OS key store if it will not open. */
function lockedCookies(report: PreflightReport): { appBound: number; keyed: number } {
  const byScheme = report.cookies?.byScheme ?? {}
  const appBound = byScheme['windows-v20'] ?? 0
  const keyed = Object.entries(byScheme)
    .filter(([scheme]) => !['plain', 'linux-v10', 'windows-v20'].includes(scheme))
    .reduce((sum, [, count]) => sum + count, 0)
  return { appBound, keyed }
}

interface LockedProps {
  profile: DetectedProfile
  report: PreflightReport
  supplied: SuppliedSummary | undefined
  onSupplied(summary: SuppliedSummary): void
}

/**
 * Sign-ins only the browser itself can read, brought along the way the browser allows: through its
 * remote-debugging switch while it runs (then it is quit and the profile packed), or from a cookie
 * file an extension exported. Main keeps the values; the window sees counts.
 */
export function LockedSignIns({ profile, report, supplied, onSupplied }: LockedProps) {
  const notify = useNotices((state) => state.push)
  const { appBound, keyed } = lockedCookies(report)
  const live = useMutation({ mutationFn: () => porter.browsers.readLive({ ref: profile.ref }), onSuccess: onSupplied })
  const file = useMutation({
    mutationFn: () => porter.browsers.readCookieFile({ ref: profile.ref }),
    onSuccess: (summary) => summary !== null && onSupplied(summary)
  })
  if (appBound + keyed === 0) return null
  const browser = profile.browserName
  const { address, available } = liveSwitch(profile.browserId, profile.browserVersion)
  const copy = () =>
    navigator.clipboard.writeText(address).then(
      () => notify('Address copied: paste it into the address bar.'),
      () => notify(`Type ${address} into the address bar.`, 'warning')
    )
  const sites = report.cookies?.sitesByScheme['windows-v20'] ?? []
  // The key store was asked before packing and said no: those sign-ins cannot come from disk either.
  const unreadable = report.cookies?.unreadable
  const unreadableSites = unreadable?.sites ?? []
  const panel = (
    <section className="locked-sign-ins" aria-labelledby="locked-title">
      <h3 id="locked-title">
        <KeyRound aria-hidden="true" size={16} /> Sign-ins only {browser} can read
      </h3>
      <p>
        {appBound > 0
          ? `${count(appBound, 'cookie')} ${noun(appBound, 'is', 'are')} locked by ${browser} itself (app-bound encryption)${sites.length > 0 ? `, for ${sites.slice(0, 6).join(', ')}${sites.length > 6 ? ` and ${sites.length - 6} more` : ''}` : ''}. Without this step, those sites will need a fresh login in the cloud browser.`
          : unreadable !== undefined
            ? `${unreadable.reason}. ${count(unreadable.cookies, 'cookie')} cannot be read from disk, so ${unreadableSites.slice(0, 6).join(', ')}${unreadableSites.length > 6 ? ` and ${unreadableSites.length - 6} more` : ''} would arrive signed out. Bring them this way instead.`
            : `${count(keyed, 'cookie')} ${noun(keyed, 'is', 'are')} locked with this computer's key store. Profile Porter unlocks them while packing; if the store will not open, read them through ${browser} instead.`}
      </p>
      {supplied !== undefined ? (
        <p className="test-ok" role="status">
          Read {count(supplied.cookies, 'cookie')} of {count(supplied.sites.length, 'site')}{' '}
          {supplied.via === 'browser' ? `through ${browser}` : 'from the file'}; they go with this import.
          {supplied.via === 'browser' &&
            ` You can turn remote debugging off again at ${address}. ${quitAdvice(browser, 'click Check again')}`}
        </p>
      ) : available ? (
        <ol className="live-steps">
          <li>
            Keep {browser} open. In its address bar, open <code>{address}</code>{' '}
            <button type="button" className="btn ghost" onClick={() => void copy()}>
              <Copy aria-hidden="true" size={14} /> Copy address
            </button>
          </li>
          <li>Turn on “Allow remote debugging for this browser instance”.</li>
          <li>
            <button type="button" className="btn" disabled={live.isPending} onClick={() => live.mutate()}>
              Read sign-ins from {browser}
            </button>{' '}
            and click <strong>Allow</strong> when {browser} asks.
          </li>
        </ol>
      ) : (
        <p>
          {browser} {profile.browserVersion?.split('.')[0]} cannot share its sign-ins this way (version 144 and later can). Update {browser}
          , or use a cookie file.
        </p>
      )}
      {live.isPending && <p className="muted">Waiting for {browser}… click Allow when it asks.</p>}
      {live.isError && <ErrorNotice error={live.error} />}
      {file.isError && <ErrorNotice error={file.error} />}
      {supplied === undefined && (
        <div>
          <button type="button" className="btn ghost" disabled={file.isPending} onClick={() => file.mutate()}>
            <FileUp aria-hidden="true" size={14} /> Use a cookie file instead
          </button>
          <span className="muted"> (cookies.txt, or the JSON of Cookie-Editor or EditThisCookie)</span>
        </div>
      )}
    </section>
  )
  // App-bound cookies, and cookies whose key the store refused, cannot move from disk: the step is
  // offered up front. Cookies behind a key store usually unlock while packing (every Mac and Windows
  // profile has them), so otherwise the step waits, folded.
  if (appBound > 0 || unreadable !== undefined || supplied !== undefined) return panel
  return (
    <details className="locked-fallback">
      <summary>Some sign-ins might not arrive? Read them through {browser}</summary>
      {panel}
    </details>
  )
}
