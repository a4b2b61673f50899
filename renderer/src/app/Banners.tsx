import { useBanners } from '../state/banners-store'

/** Start-up notices as banners above the view: read in place, dismissed when done with. */
export function Banners() {
  const { banners, dismiss } = useBanners()
  if (banners.length === 0) return null
  return (
    <section className="banners" aria-label="Notices">
      {banners.map((banner) => (
        <div key={banner.id} className={`banner banner-${banner.tone}`} role="status">
          <p>{[banner.message, banner.action].filter(Boolean).join(' ')}</p>
          <button type="button" className="btn ghost" onClick={() => dismiss(banner.id)}>
            Dismiss
          </button>
        </div>
      ))}
    </section>
  )
}
