import { useMessages } from '../i18n/use-messages'
import { STEPS, availability } from '../store/steps'
import { useWizard } from '../store/wizard-store'

/**
 * Back: to the nearest earlier step that is open now; from the restore view, to the furthest open
 * step (where the wizard stands). None on Welcome; disabled while a run locks the steps.
 */
export function BackButton() {
  const messages = useMessages()
  const state = useWizard()
  if (state.step === 'welcome') return null
  const open = availability(state)
  const earlier = state.step === 'restore' ? STEPS.toReversed() : STEPS.slice(0, STEPS.indexOf(state.step)).toReversed()
  const target = earlier.find((id) => open[id]) ?? null
  return (
    <button type="button" className="secondary back" disabled={target === null} onClick={() => target && state.goTo(target)}>
      {messages.nav.back}
    </button>
  )
}
