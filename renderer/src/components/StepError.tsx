import { useEffect, useRef } from 'react'
import { useMessages, useTypography, useWorded } from '../i18n/use-messages'
import type { Place } from '../store/state'
import { useWizard } from '../store/wizard-store'
import { CopyButton } from './CopyButton'
import { SupportReportButton } from './SupportReportButton'

/** An error where its work failed: what happened and what to do, in view; the codes only in "Copy details". */
export function StepError({ place }: { readonly place: Place }) {
  const messages = useMessages()
  const wordedOf = useWorded()
  const { gap } = useTypography()
  const error = useWizard((s) => (s.error?.place === place ? s.error : null))
  const details = useWizard((s) => s.details)
  const ref = useRef<HTMLDivElement>(null)
  useEffect(() => {
    if (error) ref.current?.scrollIntoView({ block: 'nearest' })
  }, [error])
  if (!error) return null
  const worded = wordedOf(error.code)
  return (
    <div ref={ref} role="alert" className="card error-panel">
      <p className="error-what">{worded.what}</p>
      <p>
        <strong>{messages.error.todo}</strong>
        {gap}
        {worded.todo}
      </p>
      <CopyButton text={details} label={messages.error.copy} copiedLabel={messages.error.copied} />
      <SupportReportButton />
    </div>
  )
}
