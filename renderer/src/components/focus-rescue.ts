import { useEffect, type RefObject } from 'react'

const TARGET = '[role="alert"], [role="status"], button:not([disabled]), a[href], input:not([disabled]), h2'

/** The first thing worth the focus in what was just added: an alert, a result, a control, a heading. */
function firstTarget(added: readonly Node[]): HTMLElement | null {
  for (const node of added) {
    if (!(node instanceof HTMLElement) || !node.isConnected) continue
    const found = node.matches(TARGET) ? node : node.querySelector<HTMLElement>(TARGET)
    if (found) return found
  }
  return null
}

/**
 * When what had the focus disappears (a button replaced by its result, a form by its error), the
 * browser drops the focus to the page body, and keyboard and screen-reader users are lost: the
 * focus goes to what appeared instead, else to the step's title.
 */
export function useFocusRescue(root: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const el = root.current
    if (!el) return
    const observer = new MutationObserver((records) => {
      const active = document.activeElement
      if (active && active !== document.body) return
      if (document.querySelector('dialog[open]')) return
      const target = firstTarget(records.flatMap((r) => [...r.addedNodes])) ?? el.querySelector<HTMLElement>('h1')
      if (!target) return
      if (target.tabIndex < 0 && !target.hasAttribute('tabindex')) target.tabIndex = -1
      target.focus({ preventScroll: false })
    })
    observer.observe(el, { childList: true, subtree: true })
    return () => observer.disconnect()
  }, [root])
}
