import type { Page } from '@playwright/test'

/**
 * What a person must never see: the page itself scrolling, rows drawn over each other, a control
 * outside the window or its container, a control covered by something floating over it (a toast
 * over a button), a button squeezed narrower than its words, text cut off without an ellipsis.
 */
export async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = []
    const describe = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.getAttribute('aria-label') ? `[${el.getAttribute('aria-label')}]` : ''} “${(el.textContent ?? '').trim().slice(0, 40)}”`
    // Text kept for screen readers only (ours, and Radix's announcements: a 1-pixel clipped box) is not seen.
    const srOnly = (el: Element) => {
      const box = el.getBoundingClientRect()
      return box.width <= 1 && box.height <= 1 && getComputedStyle(el).position === 'absolute'
    }
    const hidden = (el: Element): boolean =>
      el.closest('.visually-hidden, [data-radix-focus-guard], [aria-hidden="true"]') !== null ||
      el.getClientRects().length === 0 ||
      (el instanceof HTMLElement && el.parentElement !== null && (srOnly(el) || hidden(el.parentElement)))
    const vw = window.innerWidth
    const vh = window.innerHeight
    if (document.documentElement.scrollWidth > vw + 1)
      problems.push(`the page scrolls sideways (${document.documentElement.scrollWidth} > ${vw})`)
    if (document.documentElement.scrollHeight > vh + 1) problems.push(`the page scrolls (${document.documentElement.scrollHeight} > ${vh})`)

    const rows = [...document.querySelectorAll('[role="row"], tr')]
      .filter((row) => !hidden(row))
      .map((row) => [row, row.getBoundingClientRect()] as const)
    for (let i = 0; i < rows.length; i++) {
      for (let j = i + 1; j < rows.length; j++) {
        const [a, ra] = rows[i]!
        const [b, rb] = rows[j]!
        if (a.contains(b) || b.contains(a)) continue
        const overlap = Math.min(ra.bottom, rb.bottom) - Math.max(ra.top, rb.top)
        const side = Math.min(ra.right, rb.right) - Math.max(ra.left, rb.left)
        if (overlap > 1 && side > 1) problems.push(`rows overlap: ${describe(a)} and ${describe(b)}`)
      }
    }

    const clips = (style: CSSStyleDeclaration, axis: 'x' | 'y') => (axis === 'x' ? style.overflowX : style.overflowY) !== 'visible'
    /** The floating layer (a fixed toast, dialog or drawer) an element is drawn in; null for the page itself. */
    const layer = (el: Element | null): Element | null => {
      for (let at = el; at !== null; at = at.parentElement) if (getComputedStyle(at).position === 'fixed') return at
      return null
    }
    /** The part of an element its scrolling containers let show. */
    const shownPart = (el: Element) => {
      const box = el.getBoundingClientRect()
      let [top, left, bottom, right] = [box.top, box.left, box.bottom, box.right]
      for (let at = el.parentElement; at !== null; at = at.parentElement) {
        const style = getComputedStyle(at)
        if (style.overflowX === 'visible' && style.overflowY === 'visible') continue
        const frame = at.getBoundingClientRect()
        ;[top, left, bottom, right] = [
          Math.max(top, frame.top),
          Math.max(left, frame.left),
          Math.min(bottom, frame.bottom),
          Math.min(right, frame.right)
        ]
      }
      return { top, left, bottom: Math.min(bottom, vh), right: Math.min(right, vw) }
    }
    for (const control of document.querySelectorAll('button, input, select, textarea, a[href]')) {
      if (hidden(control)) continue
      const box = control.getBoundingClientRect()
      const part = shownPart(control)
      if (part.bottom - part.top > 4 && part.right - part.left > 4) {
        const hit = document.elementFromPoint((part.left + part.right) / 2, (part.top + part.bottom) / 2)
        if (hit !== null && hit !== control && !control.contains(hit) && layer(hit) !== layer(control) && layer(hit) !== null)
          problems.push(`covered by ${describe(layer(hit)!)}: ${describe(control)}`)
      }
      if (control.tagName === 'BUTTON') {
        const words = (control.textContent ?? '').trim().split(/\s+/).filter(Boolean).length
        // Line boxes of the button's text alone (an icon beside it sits at another height).
        const tops = new Set<number>()
        const walker = document.createTreeWalker(control, NodeFilter.SHOW_TEXT)
        for (let text = walker.nextNode(); text !== null; text = walker.nextNode()) {
          const range = document.createRange()
          range.selectNodeContents(text)
          for (const rect of range.getClientRects()) if (rect.width > 0) tops.add(Math.round(rect.bottom))
        }
        const lines = tops.size
        if (words > 0 && lines > words) problems.push(`a button squeezed narrower than its words: ${describe(control)}`)
      }
      if (box.left < -1 || box.right > vw + 1) problems.push(`outside the window: ${describe(control)}`)
      let container = control.parentElement
      while (container !== null && !clips(getComputedStyle(container), 'x') && !clips(getComputedStyle(container), 'y'))
        container = container.parentElement
      if (container === null) {
        if (box.top < -1 || box.bottom > vh + 1) problems.push(`below or above the window: ${describe(control)}`)
        continue
      }
      const frame = container.getBoundingClientRect()
      if (box.left < frame.left - 1 || box.right > frame.right + 1) problems.push(`outside its container sideways: ${describe(control)}`)
      const style = getComputedStyle(container)
      if ((style.overflowY === 'hidden' || style.overflowY === 'clip') && (box.top < frame.top - 1 || box.bottom > frame.bottom + 1))
        problems.push(`cut off by its container: ${describe(control)}`)
    }

    for (const element of document.querySelectorAll('body *')) {
      if (hidden(element) || (element.children.length > 0 && element.textContent === '')) continue
      const style = getComputedStyle(element)
      if (
        (style.overflowX === 'hidden' || style.overflowX === 'clip') &&
        element.scrollWidth > element.clientWidth + 1 &&
        style.textOverflow !== 'ellipsis'
      ) {
        problems.push(`text cut off without an ellipsis: ${describe(element)}`)
      }
    }
    return [...new Set(problems)]
  })
}
