import type { IncomingMessage, ServerResponse } from 'node:http'

export interface RouteContext {
  request: IncomingMessage
  response: ServerResponse
  params: Record<string, string>
  url: URL
}

type Handler = (context: RouteContext) => Promise<void> | void

interface Route {
  method: string
  pattern: RegExp
  keys: string[]
  handler: Handler
}

/** A tiny path router: `/profiles/:id/upload` style patterns, first match wins. */
export class Router {
  private readonly routes: Route[] = []

  add(method: string, path: string, handler: Handler): this {
    const keys: string[] = []
    const source = path
      .split('/')
      .map((segment) => {
        if (!segment.startsWith(':')) return segment.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
        keys.push(segment.slice(1))
        return '([^/]+)'
      })
      .join('/')
    this.routes.push({ method, pattern: new RegExp(`^${source}/?$`), keys, handler })
    return this
  }

  /** Returns false when no route matches the path (whatever the method). */
  async handle(request: IncomingMessage, response: ServerResponse, url: URL): Promise<'handled' | 'no-path' | 'no-method'> {
    let pathMatched = false
    for (const route of this.routes) {
      const match = route.pattern.exec(url.pathname)
      if (match === null) continue
      pathMatched = true
      if (route.method !== request.method) continue
      const params: Record<string, string> = {}
      route.keys.forEach((key, index) => (params[key] = decodeURIComponent(match[index + 1] ?? '')))
      await route.handler({ request, response, params, url })
      return 'handled'
    }
    return pathMatched ? 'no-method' : 'no-path'
  }
}
