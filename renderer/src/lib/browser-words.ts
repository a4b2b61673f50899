const known: Record<string, string> = {
  chromium: 'Chrome',
  firefox: 'Firefox',
  webkit: 'Safari (WebKit)',
  selenium: 'Selenium'
}

/**
 * The cloud sessions a service's default profile is for, in words a person knows: H Company names
 * its browsers "chromium", "firefox"…, and a default is per browser.
 */
export function sessionsOf(browser: string | undefined): string {
  if (browser === undefined) return 'this browser’s sessions'
  return `${known[browser.toLowerCase()] ?? browser} sessions`
}
