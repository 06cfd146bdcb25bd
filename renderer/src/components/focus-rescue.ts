import { useEffect, type RefObject } from 'react'

const TARGET = '[role="alert"], [role="status"], button:not([disabled]), a[href], input:not([disabled]), h2'

/** The first element in what was just added that matches `selector` (itself or inside it). */
function firstIn(added: readonly Node[], selector: string): HTMLElement | null {
  for (const node of added) {
    if (!(node instanceof HTMLElement) || !node.isConnected) continue
    const found = node.matches(selector) ? node : node.querySelector<HTMLElement>(selector)
    if (found) return found
  }
  return null
}

/** Focus that marks no place of the user's own: nothing, the page, the step's title or its scroller. */
const idle = (el: Element | null): boolean => !el || el === document.body || el.matches('h1.step-heading, .content-scroll')

function focus(target: HTMLElement): void {
  if (target.tabIndex < 0 && !target.hasAttribute('tabindex')) target.tabIndex = -1
  target.focus({ preventScroll: false })
}

/**
 * When what had the focus disappears or is disabled (a button replaced by its result, a form by
 * its error), the browser drops the focus to the page body and keyboard and screen-reader users
 * are lost: the focus goes to what appeared instead (an error first), else to the step's title. An
 * error that appears while the focus is nowhere in particular takes it too. A new step is left to
 * its title (StepHeading).
 */
export function useFocusRescue(root: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const el = root.current
    if (!el) return
    const observer = new MutationObserver((records) => {
      if (document.querySelector('dialog[open]')) return
      const added = records.flatMap((r) => [...r.addedNodes])
      if (added.some((n) => n instanceof HTMLElement && n.classList.contains('content-scroll'))) return
      const active = document.activeElement
      if (!idle(active)) return
      const alert = firstIn(added, '[role="alert"]')
      if (alert) return focus(alert)
      if (active && active !== document.body) return
      const target = firstIn(added, TARGET) ?? el.querySelector<HTMLElement>('h1')
      if (target) focus(target)
    })
    observer.observe(el, { childList: true, subtree: true })
    return () => observer.disconnect()
  }, [root])
}
