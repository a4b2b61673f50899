import { includedFor } from '../../../../shared/domain/included-for'
import type { IncludeOptions, SiteChoice, SiteRow } from '../../../../shared/domain/sites'

/** The person's answer on the sites step, kept while they go back and forth in the wizard. */
export interface SitesSelection {
  mode: SiteChoice['mode']
  chosen: string[]
  include: IncludeOptions
  /** The browser profile whose suggestions were ticked: they are ticked once, then the choice is the person's. */
  suggestedFor?: string
}

export const initialSelection: SitesSelection = { mode: 'sites', chosen: [], include: {} }

/** Signed-in public hosts that are not sensitive start ticked. */
export function withSuggestions(selection: SitesSelection, ref: string, rows: SiteRow[]): SitesSelection {
  return { ...selection, chosen: rows.filter((row) => row.suggested).map((row) => row.host), suggestedFor: ref }
}

/** A switch of mode starts its options from that mode's defaults: everything carries what a whole profile always did. */
export function withMode(selection: SitesSelection, mode: SiteChoice['mode']): SitesSelection {
  return { ...selection, mode, include: includedFor(mode === 'everything' ? { mode } : { mode, sites: selection.chosen }) }
}

export function choiceOf(selection: SitesSelection): SiteChoice | undefined {
  if (selection.mode === 'everything') return { mode: 'everything' }
  return selection.chosen.length === 0 ? undefined : { mode: 'sites', sites: selection.chosen }
}
