import type { SiteCookies } from '../../../../shared/domain/portability'

const how = { disk: 'from disk', browser: 'through the browser', file: 'from the file' }
const why: Record<string, string> = {
  'app-bound': 'locked by the browser',
  'no-key': 'key not available',
  undecryptable: 'could not be decrypted',
  unsupported: 'old or unknown encryption'
}

/** Per site: what was found, what moved and how, and why the rest did not. Counts only, never values. */
export function SiteOutcomes({ sites }: { sites: SiteCookies[] }) {
  if (sites.length === 0) return null
  return (
    <table className="site-outcomes">
      <caption className="visually-hidden">Sign-ins per site</caption>
      <thead>
        <tr>
          <th scope="col">Site</th>
          <th scope="col">Cookies</th>
          <th scope="col">Moved</th>
          <th scope="col">How</th>
          <th scope="col">Not moved because</th>
        </tr>
      </thead>
      <tbody>
        {sites.map((site) => (
          <tr key={site.site}>
            <th scope="row">{site.site}</th>
            <td>{site.found}</td>
            <td>{site.moved}</td>
            <td>{site.via.map((source) => how[source]).join(', ')}</td>
            <td>
              {Object.keys(site.notMoved ?? {})
                .map((reason) => why[reason] ?? reason)
                .join(', ')}
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  )
}
