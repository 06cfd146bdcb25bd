import type { Page } from '@playwright/test'

/**
 * Text that does not fit: every visible button, link, label, heading, paragraph, term, field and
 * list entry whose content is wider or taller than its box (cut off or spilling over), or whose
 * box reaches past the window's left or right edge. Each is named by its tag and first words.
 */
export const unfitting = (page: Page): Promise<string[]> =>
  page.evaluate(() => {
    const SELECTOR = 'button, a, label, h1, h2, h3, p, dt, dd, li, summary, select, input, code, .tag, .step-label, .progress-name, .progress-status'
    const width = document.documentElement.clientWidth
    const bad: string[] = []
    for (const el of Array.from(document.querySelectorAll<HTMLElement>(SELECTOR))) {
      const style = getComputedStyle(el)
      const rect = el.getBoundingClientRect()
      if (style.visibility === 'hidden' || style.display === 'none' || rect.width === 0 || rect.height === 0) continue
      // Hidden from sight on purpose (aria-hidden, or a 1 px box read only by screen readers).
      if (el.closest('[aria-hidden="true"]') || (rect.width <= 1 && rect.height <= 1)) continue
      const name = `<${el.tagName.toLowerCase()}> ${(el.textContent ?? '').trim().slice(0, 40)}`
      if (rect.left < -1 || rect.right > width + 1) bad.push(`${name}: outside the window (${Math.round(rect.left)}..${Math.round(rect.right)} of ${width})`)
      // Inline boxes have no scroll size of their own; their block parent is checked instead.
      if (style.display === 'inline' || el.tagName === 'INPUT' || el.tagName === 'SELECT') continue
      if (el.scrollWidth > el.clientWidth + 1) bad.push(`${name}: ${el.scrollWidth}px wide in ${el.clientWidth}px`)
      if (el.scrollHeight > el.clientHeight + 1) bad.push(`${name}: ${el.scrollHeight}px tall in ${el.clientHeight}px`)
    }
    // A <select> shows its chosen option: that text must fit the control.
    for (const select of Array.from(document.querySelectorAll<HTMLSelectElement>('select'))) {
      const probe = document.body.appendChild(document.createElement('span'))
      probe.style.cssText = `position:absolute;visibility:hidden;white-space:nowrap;font:${getComputedStyle(select).font}`
      probe.textContent = select.selectedOptions[0]?.textContent ?? ''
      const needed = probe.getBoundingClientRect().width
      probe.remove()
      if (needed > select.clientWidth) bad.push(`<select> ${probe.textContent}: ${Math.round(needed)}px of text in ${select.clientWidth}px`)
    }
    return bad
  })
