import { messages } from '../messages'
import { useWizard } from '../store/wizard-store'
import { CopyButton } from './CopyButton'

/** What happened and what to do, with details to paste into a forum post (tokens redacted). */
export function ErrorPanel() {
  const error = useWizard((s) => s.error)
  const details = useWizard((s) => s.details)
  const dismiss = useWizard((s) => s.dismissError)
  if (!error) return null
  return (
    <div role="alert" className="card error-panel">
      <h2>{messages.error.title}</h2>
      <p>{error.message}</p>
      <div className="actions">
        <CopyButton text={details} label={messages.error.copy} copiedLabel={messages.error.copied} />
        <button type="button" className="secondary" onClick={dismiss}>
          {messages.error.dismiss}
        </button>
      </div>
    </div>
  )
}
