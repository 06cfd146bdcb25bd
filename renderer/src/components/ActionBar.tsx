import { createContext, useContext, type ReactNode } from 'react'
import { createPortal } from 'react-dom'

/** Where a step's actions go: the fixed bar below the step, filled in by App. */
export const ActionSlot = createContext<HTMLElement | null>(null)

/**
 * A step's own actions, shown in the bar at the bottom of the content, beside Back: in the same
 * place on every step and always in view, however long the step is (the step scrolls above it).
 */
export function ActionBar({ children }: { readonly children: ReactNode }) {
  const slot = useContext(ActionSlot)
  return slot ? createPortal(children, slot) : null
}
