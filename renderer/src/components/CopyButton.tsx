import { useState } from 'react'

export function CopyButton({ text, label, copiedLabel }: { readonly text: () => string | Promise<string>; readonly label: string; readonly copiedLabel: string }) {
  const [copied, setCopied] = useState(false)
  return (
    <button
      type="button"
      className="secondary"
      onClick={async () => {
        await navigator.clipboard.writeText(await text()).catch(() => undefined) // no clipboard permission: the text stays selectable on the page
        setCopied(true)
        setTimeout(() => setCopied(false), 2000)
      }}
    >
      <span aria-live="polite">{copied ? copiedLabel : label}</span>
    </button>
  )
}
