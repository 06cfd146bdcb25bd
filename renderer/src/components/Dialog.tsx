import { useEffect, useRef, type ReactNode } from 'react'

/**
 * A modal confirmation: the native <dialog> makes everything behind it inert; Tab also wraps here
 * and Escape cancels. The safe choice (the first button) takes the focus; closed, the opener gets it back.
 */
export function Dialog({ title, children, onCancel }: { readonly title: string; readonly children: ReactNode; readonly onCancel: () => void }) {
  const ref = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    const d = ref.current
    if (!d) return
    // Closed (Escape, Cancel or a choice), the focus goes back to what opened it, when it is still there.
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null
    if (!d.open) d.showModal()
    d.querySelector('button')?.focus()
    return () => {
      d.close()
      if (opener?.isConnected) opener.focus()
    }
  }, [])
  return (
    <dialog
      ref={ref}
      role="alertdialog"
      aria-modal="true"
      aria-labelledby="dialog-title"
      aria-describedby="dialog-body"
      className="dialog"
      onCancel={(e) => {
        e.preventDefault()
        onCancel()
      }}
      onKeyDown={(e) => {
        if (e.key === 'Escape') {
          e.preventDefault()
          onCancel()
        }
        if (e.key !== 'Tab') return
        const focusable = [...(ref.current?.querySelectorAll<HTMLElement>('button, a[href], input') ?? [])]
        const first = focusable[0]
        const last = focusable.at(-1)
        if (e.shiftKey && document.activeElement === first) {
          e.preventDefault()
          last?.focus()
        } else if (!e.shiftKey && document.activeElement === last) {
          e.preventDefault()
          first?.focus()
        }
      }}
    >
      <h2 id="dialog-title">{title}</h2>
      <div id="dialog-body">{children}</div>
    </dialog>
  )
}
