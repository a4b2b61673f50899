/** A Chromium storage key, as Local Storage and Session Storage write it. */
export interface StorageKeyParts {
  /** The origin whose data it is ("https://app.example.com"). */
  origin: string
  /** The site of the top-level page it was stored under, when that is another site ("https://top.example"). */
  topLevelSite?: string
}

/**
 * Reads a serialised StorageKey: the origin, then attributes each introduced by `^` and a digit
 * (blink's EncodedAttribute: 0 top-level site, 1–2 a nonce, 3 the ancestor-chain bit, 4–6 an
 * opaque top-level site). First-party keys are the bare origin ("https://a.com"); data stored by an
 * embedded frame is keyed "https://a.com/^0https://top.com". A nonce or an opaque top-level site
 * belongs to no site a person could choose: undefined, as for anything that does not parse.
 */
export function parseStorageKey(serialised: string): StorageKeyParts | undefined {
  const caret = serialised.indexOf('^')
  const origin = (caret < 0 ? serialised : serialised.slice(0, caret)).replace(/\/$/, '')
  if (!/^[a-z][a-z0-9+.-]*:\/\/[^/]+$/i.test(origin)) return undefined
  if (caret < 0) return { origin }
  let topLevelSite: string | undefined
  for (const attribute of serialised.slice(caret).split('^').slice(1)) {
    const kind = attribute[0]
    if (kind === '0') topLevelSite = attribute.slice(1)
    else if (kind !== '3') return undefined
  }
  return topLevelSite === undefined ? { origin } : { origin, topLevelSite }
}
