import { ANSWER_SCHEMA, LOOK_ONLY } from '../answer-schema'
import type { SiteToCheck } from '../site-address'

/**
 * The one session of a check (`POST /api/v2/sessions`): an inline agent that only looks, text mode
 * (no screenshots, cannot type), the profile loaded read-only, and budgets from the site count.
 */
export function sessionRequest(profileId: string, sites: SiteToCheck[], timeLimitS: number): Record<string, unknown> {
  const [first] = sites
  return {
    agent: {
      name: 'porter-sign-in-check',
      description: 'Opens web addresses in an already signed-in browser and reports whether each is signed in. Never signs in.',
      instructions: LOOK_ONLY,
      environments: [
        {
          id: 'browser',
          kind: 'web',
          host: 'cloud',
          start_url: first?.url,
          mode: { type: 'text', chunk_size: 4000 },
          browser_profile_id: profileId,
          // Said although it is the default: a check must never save its visit into the profile.
          persist_browser_profile: false
        }
      ],
      answer_format: ANSWER_SCHEMA
    },
    messages: `Check these addresses, in this order, and answer with one entry per address:\n${sites.map((site) => site.url).join('\n')}`,
    max_steps: 2 + 2 * sites.length,
    max_time_s: Math.max(30, Math.min(timeLimitS, 60 + 45 * sites.length)),
    idle_timeout_s: null,
    queue: false,
    // The trajectory holds text of private pages: kept an hour, screenshots a minute.
    delete_after_min: 60,
    delete_screenshot_after_min: 1
  }
}
