import { useEffect, useRef } from 'react'
import type { AccountChangeView } from '../../../preload/contract'
import { useMessages } from '../i18n/use-messages'
import { useWizard } from '../store/wizard-store'
import { accountName } from './account-name'

/**
 * "Sign in with Plex" brought another account than the server had: nothing is claimed yet. Said
 * in the step, with the focus moved here so a screen reader reads it; the safe choice is Cancel.
 */
export function AccountChange({ change }: { readonly change: AccountChangeView }) {
  const messages = useMessages()
  const t = messages.claim
  const ref = useRef<HTMLDivElement>(null)
  const claiming = useWizard((s) => s.claim.status === 'claiming')
  const { confirmSignIn, cancelSignIn } = useWizard.getState()
  useEffect(() => {
    ref.current?.scrollIntoView({ block: 'nearest' })
    ref.current?.focus()
  }, [])
  const now = accountName(change.newAccount)
  const old = accountName(change.previousAccount)
  return (
    <div ref={ref} tabIndex={-1} className="card warning" role="alertdialog" aria-labelledby="account-change-title" aria-describedby="account-change-body">
      <h3 className="card-title" id="account-change-title">
        {t.changeTitle}
      </h3>
      <p id="account-change-body">{t.change(now, old)}</p>
      <div className="actions">
        <button type="button" className="primary" disabled={claiming} onClick={() => void confirmSignIn()}>
          {t.confirmChange(now)}
        </button>
        <button type="button" className="secondary" disabled={claiming} onClick={() => void cancelSignIn()}>
          {t.cancelChange}
        </button>
      </div>
    </div>
  )
}
