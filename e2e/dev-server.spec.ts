import { expect, test } from '@playwright/test'
import { createServer, type ViteDevServer } from 'vite'
import { rendererConfig } from '../renderer/vite-config'

let server: ViteDevServer

test.beforeAll(async () => {
  // What `npm run dev` serves to Electron's window: the renderer through Vite's development server.
  server = await createServer({
    ...rendererConfig(),
    configFile: false,
    logLevel: 'silent',
    server: { host: '127.0.0.1', port: 0, strictPort: false }
  })
  await server.listen()
})

test.afterAll(async () => {
  await server.close()
})

test('npm run dev shows the styled app, and its injected styles pass the same CSP', async ({ page }) => {
  const violations: string[] = []
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) violations.push(message.text())
  })
  // A window.porter whose calls never answer: the frame renders its loading state, styled or not.
  await page.addInitScript(() => {
    const pending = () => new Promise(() => undefined)
    const namespace = new Proxy({}, { get: (_target, name) => (String(name).startsWith('on') ? () => () => undefined : pending) })
    Object.defineProperty(window, 'porter', { value: new Proxy({}, { get: () => namespace }) })
  })
  const url = server.resolvedUrls?.local[0] ?? ''
  await page.goto(url)
  await expect(page.getByRole('navigation', { name: 'Connections' })).toBeVisible()
  expect(await page.locator('.app-frame').evaluate((element) => getComputedStyle(element).display)).toBe('grid')
  expect(await page.locator('.sidebar').evaluate((element) => getComputedStyle(element).borderRightStyle)).toBe('solid')
  expect(violations).toEqual([])
  const csp = await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')
  expect(csp).not.toContain('unsafe')
})
