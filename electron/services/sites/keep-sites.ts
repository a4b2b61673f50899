import { keepRows } from './keep-rows'
import type { SiteFilter } from './site-filter'

/** Chromium's Cookies: a chosen host's own cookies and the parent-domain ones it receives, partitioned ones only under a chosen site. */
export function keepSitesInChromiumCookies(path: string, filter: SiteFilter): Promise<void> {
  return keepRows(path, filter, {
    statements: [
      'DELETE FROM cookies WHERE porter_keeps_cookie(host_key, top_frame_site_key) = 0',
      // Before partitioned cookies (no top_frame_site_key column).
      "DELETE FROM cookies WHERE porter_keeps_cookie(host_key, '') = 0"
    ],
    known: ['meta', 'cookies']
  })
}

/** Firefox's cookies.sqlite: the same rule; a partitioned cookie's top-level site is in its origin attributes. */
export function keepSitesInFirefoxCookies(path: string, filter: SiteFilter): Promise<void> {
  return keepRows(path, filter, {
    statements: ['DELETE FROM moz_cookies WHERE porter_keeps_cookie(host, porter_firefox_partition(originAttributes)) = 0'],
    known: ['moz_cookies']
  })
}

/**
 * Chromium's History: pages of the chosen hosts and their visits, each address without its query
 * (which can carry another site's address, search words or tokens). Links seen as visited from
 * another site's page (visited_links names the page and frame), sync and device identifiers,
 * clusters and downloads (their paths name this computer's folders) all stay.
 */
export function keepSitesInHistory(path: string, filter: SiteFilter): Promise<void> {
  return keepRows(path, filter, {
    statements: [
      'DELETE FROM urls WHERE porter_keeps_url(url) = 0',
      'UPDATE urls SET url = porter_page(url)',
      'DELETE FROM visits WHERE url NOT IN (SELECT id FROM urls)',
      'DELETE FROM visited_links WHERE link_url_id NOT IN (SELECT id FROM urls) OR porter_keeps_url(top_level_url) = 0 OR porter_keeps_url(frame_url) = 0',
      'UPDATE visited_links SET top_level_url = porter_page(top_level_url), frame_url = porter_page(frame_url)',
      'UPDATE visits SET visited_link_id = 0 WHERE visited_link_id NOT IN (SELECT id FROM visited_links)',
      'UPDATE visits SET from_visit = 0 WHERE from_visit NOT IN (SELECT id FROM visits)',
      'UPDATE visits SET opener_visit = 0 WHERE opener_visit NOT IN (SELECT id FROM visits)',
      "UPDATE visits SET external_referrer_url = ''",
      "UPDATE visits SET originator_cache_guid = '', originator_visit_id = 0, originator_from_visit = 0, originator_opener_visit = 0",
      'UPDATE visits SET app_id = NULL',
      'DELETE FROM keyword_search_terms WHERE url_id NOT IN (SELECT id FROM urls)',
      'DELETE FROM segments WHERE url_id NOT IN (SELECT id FROM urls) OR porter_keeps_url(name) = 0',
      'UPDATE segments SET name = porter_page(name)',
      'DELETE FROM segment_usage WHERE segment_id NOT IN (SELECT id FROM segments)',
      'DELETE FROM visit_source WHERE id NOT IN (SELECT id FROM visits)',
      'DELETE FROM content_annotations WHERE visit_id NOT IN (SELECT id FROM visits)',
      'DELETE FROM context_annotations WHERE visit_id NOT IN (SELECT id FROM visits)'
    ],
    known: [
      'meta',
      'urls',
      'visits',
      'visited_links',
      'keyword_search_terms',
      'segments',
      'segment_usage',
      'visit_source',
      'content_annotations',
      'context_annotations'
    ]
  })
}

/**
 * Chromium's Web Data, sent as autofill: addresses, cards and form entries are not kept per site and
 * go as they are, but the browser account's sign-in tokens (`token_service`) are no chosen site's.
 */
export function keepSitesInWebData(path: string, filter: SiteFilter): Promise<void> {
  return keepRows(path, filter, { statements: ['DELETE FROM token_service'] })
}

/** Chromium's Login Data: saved passwords of the chosen hosts only; sync records of every login stay. */
export function keepSitesInLogins(path: string, filter: SiteFilter): Promise<void> {
  return keepRows(path, filter, {
    statements: [
      'DELETE FROM logins WHERE porter_keeps_url(origin_url) = 0 OR porter_keeps_url(signon_realm) = 0',
      'DELETE FROM insecure_credentials WHERE parent_id NOT IN (SELECT id FROM logins)',
      'DELETE FROM password_notes WHERE parent_id NOT IN (SELECT id FROM logins)',
      'DELETE FROM stats WHERE porter_keeps_url(origin_domain) = 0'
    ],
    known: ['meta', 'logins', 'insecure_credentials', 'password_notes', 'stats']
  })
}
