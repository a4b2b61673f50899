import type { Page } from '@playwright/test'
import type { PageFacts } from './verdict'

interface DocumentFacts {
  hasPassword: boolean
  hasOneTimeCode: boolean
  hasCaptcha: boolean
  text: string
}

/** What the page's own document shows: a visible password field, a one-time-code field, a robot check (run in the page). */
const READ_DOCUMENT = `(() => {
  const visible = (element) => {
    const box = element.getBoundingClientRect()
    const style = getComputedStyle(element)
    return box.width > 0 && box.height > 0 && style.visibility !== 'hidden' && style.display !== 'none'
  }
  const any = (selector) => [...document.querySelectorAll(selector)].some(visible)
  const text = (document.body ? document.body.innerText : '').replace(/\\s+/g, ' ').trim()
  return {
    hasPassword: any('input[type=password]'),
    hasOneTimeCode: any('input[autocomplete=one-time-code]') || /verification code|enter the code|2-step|two-step/i.test(text),
    hasCaptcha:
      document.querySelector('iframe[src*="recaptcha"], iframe[src*="hcaptcha"], iframe[src*="turnstile"], .g-recaptcha, .h-captcha') !== null ||
      /are you a robot|verify you are human/i.test(text),
    text: text.slice(0, 400)
  }
})()`

/** Opens an address in the page and reads what it shows; a site that fails or hangs is a fact, never a throw. */
export async function look(page: Page, url: string, timeoutMs: number): Promise<PageFacts & { text: string }> {
  let status: number | undefined
  let unreachable = false
  let timedOut = false
  try {
    status = (await page.goto(url, { timeout: timeoutMs, waitUntil: 'load' }))?.status()
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error)
    if (/Timeout/i.test(message)) timedOut = true
    else unreachable = true
  }
  const finalUrl = page.url()
  if (unreachable || finalUrl.startsWith('chrome-error:'))
    return { unreachable: true, timedOut, finalUrl: url, title: '', hasPassword: false, hasOneTimeCode: false, hasCaptcha: false, text: '' }
  const title = await page.title().catch(() => '')
  const seen = await page
    .evaluate<DocumentFacts>(READ_DOCUMENT)
    .catch(() => ({ hasPassword: false, hasOneTimeCode: false, hasCaptcha: false, text: '' }))
  return { unreachable: false, timedOut, ...(status === undefined ? {} : { status }), finalUrl, title, ...seen }
}
