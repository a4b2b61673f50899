import type { Prediction, SiteState } from '../../../shared/domain/check'
import { deviceBoundWarning } from '../sites/site-categories'
import { siteOf } from '../sites/site-of'

const hostOf = (url: string) => {
  try {
    return new URL(url).hostname
  } catch {
    return url
  }
}

/** What to do about one site's result, in plain words; nothing when it is signed in as expected. */
export function siteNote(url: string, state: SiteState, predicted: Prediction): string | undefined {
  const host = hostOf(url)
  const bound = deviceBoundWarning(siteOf(host).site) !== undefined
  switch (state) {
    case 'signed_in':
      return predicted === 'signed_out' ? `${host} is signed in, although its cookies did not seem to travel.` : undefined
    case 'login_page':
      if (bound && predicted === 'signed_in')
        return `${host} did not accept the moved sign-in: it ties sign-ins to the device they were made on. Sign in inside the cloud browser instead.`
      if (predicted === 'signed_out')
        return `No sign-in for ${host} travelled with the upload, so the cloud browser shows its sign-in page.`
      return `The cloud browser is not signed in to ${host}. The site may tie sign-ins to your network or device, or the sign-in expired: update the upload, or sign in inside the cloud browser.`
    case 'second_factor':
      return `${host} asks for a second step (a code or a prompt on your phone) in the cloud browser. Sign in there once during a session you watch live.`
    case 'blocked':
      return `${host} showed a robot check in the cloud browser, so Porter could not see whether you are signed in.`
    case 'unreachable':
      return `The cloud browser could not open ${host} (the name may only work on your network).`
    case 'unknown':
      return `The cloud browser's agent could not tell whether you are signed in to ${host}.`
    case 'not_checked':
      return `${host} was not checked: the check ended first.`
  }
}

export const stateWords: Record<SiteState, string> = {
  signed_in: 'Signed in',
  login_page: 'Not signed in (sign-in page)',
  second_factor: 'Needs a second step',
  blocked: 'Blocked by a robot check',
  unreachable: 'Could not be reached',
  unknown: 'Could not tell',
  not_checked: 'Not checked'
}
