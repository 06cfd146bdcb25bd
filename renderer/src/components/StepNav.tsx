import { useMessages } from '../i18n/use-messages'
import { STEPS, availability } from '../store/steps'
import { useWizard } from '../store/wizard-store'

/** The steps: a sidebar, or a compact bar of numbers (the current one named) on a narrow window. */
export function StepNav() {
  const messages = useMessages()
  const state = useWizard()
  const open = availability(state)
  return (
    <nav aria-label={messages.nav.label} className="step-nav">
      <ol>
        {STEPS.map((id, n) => (
          <li key={id}>
            <button
              type="button"
              className="step-link"
              aria-current={state.step === id ? 'step' : undefined}
              disabled={!open[id]}
              onClick={() => state.goTo(id)}
              // The name holds the visible number too (WCAG 2.5.3: the label in the name).
              aria-label={`${n + 1} ${messages.steps[id]}`}
              title={messages.steps[id]}
            >
              <span className="step-number" aria-hidden="true">
                {n + 1}
              </span>{' '}
              <span className="step-label" data-text={messages.steps[id]}>
                {messages.steps[id]}
              </span>
            </button>
          </li>
        ))}
      </ol>
      <button type="button" className="secondary restore-link" disabled={!open.restore} aria-current={state.step === 'restore' ? 'page' : undefined} onClick={() => state.goTo('restore')}>
        {messages.nav.restore}
      </button>
    </nav>
  )
}
