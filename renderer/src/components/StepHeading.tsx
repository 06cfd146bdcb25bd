import { useEffect, useRef, type ReactNode } from 'react'

/** Each step's title takes the focus when the step opens, so keyboard and screen-reader users land on it. */
export function StepHeading({ children }: { readonly children: ReactNode }) {
  const ref = useRef<HTMLHeadingElement>(null)
  useEffect(() => ref.current?.focus(), [])
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  )
}
