import { SiteState, type SiteState as State } from '../../../shared/domain/check'
import type { SiteResult } from './cloud-checker'

const STATES = SiteState.options.filter((state) => state !== 'not_checked')

/** One site as the agent must report it (WebRun: a task's `outputSchema`). */
export const SITE_SCHEMA = {
  type: 'object',
  required: ['url', 'final_url', 'page_title', 'state', 'evidence'],
  properties: {
    url: { type: 'string' },
    final_url: { type: 'string' },
    page_title: { type: 'string' },
    state: { type: 'string', enum: STATES },
    evidence: { type: 'string' }
  }
}

/** Every site in one answer (H Company: the agent's `answer_format`). */
export const ANSWER_SCHEMA = { type: 'object', required: ['sites'], properties: { sites: { type: 'array', items: SITE_SCHEMA } } }

/** Look, never touch: what the agent is told, so a check never signs in, types or accepts anything. */
export const LOOK_ONLY = [
  'You only look. Open the address, wait for it to load, and report the final address, the page title and the state.',
  'Never type, never click, never sign in, never accept or dismiss anything, never ask for credentials.',
  'A sign-in form or an account chooser is login_page. A code, push or security-key prompt is second_factor.',
  'A robot check or CAPTCHA is blocked. A page that does not load is unreachable.',
  'Keep the evidence to one short sentence and do not copy messages, names or numbers from the page.'
].join(' ')

const text = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value.slice(0, 2000) : undefined)

/** One reported site, or undefined when it is not the shape asked for. */
export function siteFromAnswer(raw: unknown): SiteResult | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined
  const record = raw as Record<string, unknown>
  const state = SiteState.safeParse(record['state'])
  const url = text(record['url'])
  if (url === undefined) return undefined
  const optional = { finalUrl: text(record['final_url']), title: text(record['page_title']), evidence: text(record['evidence']) }
  return {
    url,
    state: state.success ? (state.data as State) : 'unknown',
    ...Object.fromEntries(Object.entries(optional).filter(([, value]) => value !== undefined))
  }
}

/** An answer that may arrive as an object or as JSON text (both are seen from agents). */
export function parsedAnswer(answer: unknown): unknown {
  if (typeof answer !== 'string') return answer
  try {
    return JSON.parse(answer)
  } catch {
    return undefined
  }
}
