import type { IncludeOptions } from '../../../shared/domain/sites'

const words: Array<[keyof IncludeOptions, string]> = [
  ['history', 'history'],
  ['bookmarks', 'bookmarks'],
  ['autofill', 'autofill'],
  ['passwords', 'saved passwords']
]

/** What of history, bookmarks, autofill and passwords travels and what stays, in the words the window uses. */
export function includeWords(include: IncludeOptions): { sent: string[]; kept: string[] } {
  return {
    sent: words.filter(([key]) => include[key] === true).map(([, word]) => word),
    kept: words.filter(([key]) => include[key] !== true).map(([, word]) => word)
  }
}
