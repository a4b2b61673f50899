import type { Locator, Page } from '@playwright/test'

/**
 * A toast as a person sees it: inside the Notifications region. Radix also renders a visually
 * hidden copy for screen readers for about a second, so a page-wide text query finds the same
 * words twice or once depending on timing. While a dialog is open Radix marks the rest of the
 * page aria-hidden, so hidden nodes are included and `toBeVisible` is left to say what is seen.
 */
export function notice(page: Page, text: string | RegExp): Locator {
  return page
    .getByRole('region', { name: /^Notifications/, includeHidden: true })
    .getByRole('listitem', { includeHidden: true })
    .filter({ hasText: text })
}
