import { useEffect, useRef } from 'react'
import { useMessages, useTypography, useWorded } from '../i18n/use-messages'
import type { Place } from '../store/state'
import { useWizard } from '../store/wizard-store'
import { CopyButton } from './CopyButton'
import { SupportReportButton } from './SupportReportButton'

/**
 * An error where its work failed: what happened and what to do, in view, with the exact command
 * main named (a stop that timed out); the codes only in "Copy details", which holds this operation
 * alone. It stays with its step until that work is tried again.
 */
export function StepError({ place }: { readonly place: Place }) {
  const messages = useMessages()
  const wordedOf = useWorded()
  const { gap } = useTypography()
  const error = useWizard((s) => s.errors[place] ?? null)
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
      {error.command ? (
        <>
          <p>{messages.afterRun.command}</p>
          <div className="inline">
            <code className="command">{error.command}</code>
            <CopyButton text={() => error.command ?? ''} label={messages.claim.copy} copiedLabel={messages.claim.copied} />
          </div>
        </>
      ) : null}
      <CopyButton text={() => details(place)} label={messages.error.copy} copiedLabel={messages.error.copied} />
      <SupportReportButton place={place} />
    </div>
  )
}
