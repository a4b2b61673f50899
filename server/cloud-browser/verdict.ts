/** What a page showed, as the twin's browser saw it: enough to tell a signed-in page from the rest. */
export interface PageFacts {
  /** The browser could not reach the site at all (no such host, refused, a TLS failure). */
  unreachable: boolean
  /** The page did not finish loading in time. */
  timedOut: boolean
  status?: number
  finalUrl: string
  title: string
  hasPassword: boolean
  hasOneTimeCode: boolean
  hasCaptcha: boolean
}

export type PageState = 'signed_in' | 'login_page' | 'second_factor' | 'blocked' | 'unreachable' | 'unknown'

const LOGIN_PATH = /(^|[/_-])(login|log-in|signin|sign-in|sign_in|auth|sso|servicelogin|accountchooser)([/_.?-]|$)/i

/**
 * The state of a page from what it shows, in the order an agent told to only look would reason:
 * nothing there, a robot check, a second step, a sign-in form, then a page that answered.
 */
export function verdictOf(facts: PageFacts): { state: PageState; evidence: string } {
  if (facts.unreachable) return { state: 'unreachable', evidence: 'The site could not be reached.' }
  if (facts.hasCaptcha) return { state: 'blocked', evidence: 'The page shows a robot check.' }
  if (facts.hasOneTimeCode) return { state: 'second_factor', evidence: 'The page asks for a verification code.' }
  const path = (() => {
    try {
      return new URL(facts.finalUrl).pathname
    } catch {
      return ''
    }
  })()
  if (facts.hasPassword) return { state: 'login_page', evidence: 'The page shows a sign-in form.' }
  if (LOGIN_PATH.test(path)) return { state: 'login_page', evidence: 'The address is a sign-in page.' }
  if (facts.status === 401 || facts.status === 403)
    return { state: 'login_page', evidence: `The site refused the visit (${facts.status}).` }
  if (facts.timedOut) return { state: 'unknown', evidence: 'The page did not finish loading.' }
  if (facts.status !== undefined && facts.status >= 200 && facts.status < 400)
    return { state: 'signed_in', evidence: 'The page opened without asking to sign in.' }
  return { state: 'unknown', evidence: `The site answered with an error (${facts.status ?? 'none'}).` }
}
