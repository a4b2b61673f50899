import { sendJson } from '../http/respond'
import type { Router } from '../http/router'
import type { CloudBrowser } from './cloud-browser'

/** The twin's live view: the address both services hand out, showing the session's page as it is now. */
export class LiveViews {
  private readonly browsers = new Map<string, CloudBrowser>()

  show(id: string, browser: CloudBrowser): void {
    this.browsers.set(id, browser)
  }

  hide(id: string): void {
    this.browsers.delete(id)
  }

  register(router: Router): void {
    router.add('GET', '/_reference/live/:id', ({ params, response }) => {
      const id = encodeURIComponent(params['id'] ?? '')
      const live = this.browsers.has(params['id'] ?? '')
      const html = live
        ? `<!doctype html><meta http-equiv="refresh" content="2"><title>Live view</title><img alt="The cloud browser now" src="/_reference/live/${id}/screen.png">`
        : '<!doctype html><title>Live view</title><p>This session has ended.</p>'
      response.writeHead(200, { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store' })
      response.end(html)
    })
    router.add('GET', '/_reference/live/:id/screen.png', async ({ params, response }) => {
      const image = await this.browsers.get(params['id'] ?? '')?.screenshot()
      if (image === undefined) return sendJson(response, 404, { detail: 'Not Found' })
      response.writeHead(200, { 'content-type': 'image/png', 'content-length': image.length, 'cache-control': 'no-store' })
      response.end(image)
    })
  }
}
