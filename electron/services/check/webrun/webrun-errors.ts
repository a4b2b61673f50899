import { PorterError } from '../../../../shared/errors'
import { WEBRUN } from '../../clouds/webrun/webrun-service'
import { profileGone } from '../hcompany/agp-errors'

/** A refused `start-session`, in the check's words. */
export function startRefusal(error: unknown, refusal: { error?: string; code?: string }): unknown {
  if (!(error instanceof PorterError)) return error
  if (error.status === 402 || refusal.code === 'INSUFFICIENT_BALANCE')
    return new PorterError({
      code: 'rate_limited',
      message: `Your ${WEBRUN} balance is too low to start a browser. Nothing was started and your profile is unchanged.`,
      action: `Add credit in your ${WEBRUN} account, then check again.`
    })
  if (refusal.code === 'SESSION_LIMIT_REACHED')
    return new PorterError({
      code: 'rate_limited',
      retryable: true,
      message: `${WEBRUN} allows no more sessions at once on your plan, so the check could not start. Your profile is unchanged.`,
      action: 'End a running session (or wait for one to end), then check again.'
    })
  if (error.status === 503)
    return new PorterError({
      code: 'service',
      retryable: true,
      status: 503,
      message: `${WEBRUN} has no free browsers right now, so the check could not start. Your profile is unchanged.`,
      action: 'Try again in a few minutes.'
    })
  if (error.status === 404) return profileGone(WEBRUN)
  return error
}
