import { PorterError } from '../../../../shared/errors'
import { HCOMPANY } from '../../clouds/hcompany/hcompany-service'

const day = (iso: string | undefined) =>
  iso === undefined || Number.isNaN(Date.parse(iso))
    ? undefined
    : new Intl.DateTimeFormat('en-GB', { dateStyle: 'long' }).format(new Date(iso))

export function noTokens(renews?: string): PorterError {
  const when = day(renews)
  return new PorterError({
    code: 'rate_limited',
    message: `Your ${HCOMPANY} token allowance for this period is used up${when === undefined ? '' : ` (it renews on ${when})`}. Nothing was started and your profile is unchanged.`,
    action: 'Check again once the allowance has renewed, or move to a larger plan at the H Platform.'
  })
}

export function sessionsBusy(limit?: number): PorterError {
  return new PorterError({
    code: 'rate_limited',
    retryable: true,
    message: `All ${limit === undefined ? '' : `${limit} `}of your ${HCOMPANY} sessions are busy, so the check could not start. Your profile is unchanged.`,
    action: 'Stop a session at the H Platform or wait for one to finish, then check again.'
  })
}

export function profileGone(service: string): PorterError {
  return new PorterError({ code: 'not_found', message: `This profile is no longer at ${service}.`, action: 'Upload it again, then check.' })
}

/** What the session's own failure code means for the person. */
export function sessionFailure(code: string | undefined, said: string | undefined): PorterError {
  if (code === 'environment_error')
    return new PorterError({
      code: 'service',
      retryable: true,
      message: `${HCOMPANY}'s browser could not start with this profile.`,
      action: 'Try again; if it happens again, update the profile from this computer.'
    })
  if (code === 'answer_validation' || code === 'no_answer')
    return new PorterError({
      code: 'service',
      retryable: true,
      message: `${HCOMPANY}'s agent ended without a usable answer, so the sites it did not report could not be told.`,
      action: 'Try again, or check fewer sites at once.'
    })
  return new PorterError({
    code: 'service',
    retryable: true,
    message: `${HCOMPANY} ended the session with a problem${said === undefined || said === '' ? '' : `: “${said.slice(0, 200)}”`}.`,
    action: 'Try again in a moment.'
  })
}

/** A refused `POST /sessions`, in the check's words; anything else keeps the general message. */
export function createRefusal(error: unknown, said: string | undefined, limit?: number): unknown {
  if (!(error instanceof PorterError)) return error
  if (error.status === 402) return noTokens()
  // Running out of tokens is not documented: a 429 that speaks of tokens is taken to mean it.
  if (error.status === 429) return /token|credit|allowance|billing/i.test(said ?? '') ? noTokens() : sessionsBusy(limit)
  if (error.status === 404) return profileGone(HCOMPANY)
  if (error.status === 422)
    return new PorterError({
      code: 'service',
      message: `${HCOMPANY} refused the check's request. ${error.message}`,
      action: 'Update Profile Porter; if it still happens, tell us: the service may have changed its API.'
    })
  return error
}
