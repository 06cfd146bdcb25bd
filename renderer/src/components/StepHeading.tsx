import { useEffect, useRef, type ReactNode } from 'react'

/**
 * Each step's title takes the focus when the step opens, so keyboard and screen-reader users land
 * on it. It is not a control, so it draws no focus box (the next Tab goes on from here).
 */
export function StepHeading({ children }: { readonly children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null)
  useEffect(() => ref.current?.focus({ preventScroll: false }), [])
  return (
    <h1 ref={ref} tabIndex={-1} className="step-heading">
      {children}
    </h1>
  )
}
