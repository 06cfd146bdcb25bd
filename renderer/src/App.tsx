import { useEffect, useLayoutEffect, useRef, useState } from 'react'
import { ActionSlot } from './components/ActionBar'
import { BackButton } from './components/BackButton'
import { useFocusRescue } from './components/focus-rescue'
import { LanguageSwitch } from './components/LanguageSwitch'
import { StepNav } from './components/StepNav'
import { useMessages } from './i18n/use-messages'
import { Backup } from './steps/Backup'
import { Claim } from './steps/Claim'
import { Diagnosis } from './steps/Diagnosis'
import { Done } from './steps/Done'
import { FindServer } from './steps/FindServer'
import { ResetStep } from './steps/ResetStep'
import { RestoreView } from './steps/RestoreView'
import { Review } from './steps/Review'
import { Welcome } from './steps/Welcome'
import { busy } from './store/state'
import type { StepId } from './store/steps'
import { useWizard } from './store/wizard-store'

const VIEWS: Record<StepId, () => React.JSX.Element | null> = {
  welcome: Welcome,
  find: FindServer,
  diagnosis: Diagnosis,
  backup: Backup,
  review: Review,
  reset: ResetStep,
  claim: Claim,
  done: Done,
  restore: RestoreView
}

/** Leaving the page (reload, Back, closing the tab) during a run asks first, in a browser. */
function useLeaveGuard(active: boolean, text: string): void {
  useEffect(() => {
    if (!active) return
    const ask = (e: BeforeUnloadEvent): string => {
      e.preventDefault()
      e.returnValue = text
      return text
    }
    window.addEventListener('beforeunload', ask)
    return () => window.removeEventListener('beforeunload', ask)
  }, [active, text])
}

export function App() {
  const messages = useMessages()
  const step = useWizard((s) => s.step)
  const info = useWizard((s) => s.info)
  // In the desktop app main's close guard asks instead (a blocked unload there would be silent).
  const running = useWizard((s) => busy(s) && s.info?.runtime === 'loopback')
  const init = useWizard((s) => s.init)
  // The run events' listeners go with the effect.
  useEffect(() => init(), [init])
  useLeaveGuard(running, messages.leave)
  const [slot, setSlot] = useState<HTMLElement | null>(null)
  const main = useRef<HTMLElement>(null)
  useFocusRescue(main)
  // Where the whole page scrolls (200% zoom), each step opens at the top of it too.
  useLayoutEffect(() => {
    document.scrollingElement?.scrollTo(0, 0)
  }, [step])
  const View = VIEWS[step]
  return (
    <div className="shell">
      <header className="brand">
        <span className="logo" aria-hidden="true" />
        <div className="brand-text">
          <p className="app-name">{messages.appName}</p>
          <p className="tagline">
            {messages.tagline}
            {info ? <span className="version"> · {info.version}</span> : null}
          </p>
        </div>
        <LanguageSwitch />
        {info?.demo ? <p className="demo-banner">{messages.demoBanner}</p> : null}
      </header>
      <div className="layout">
        <StepNav />
        <main className="content" ref={main}>
          {/* A new scroller per step: each step opens at its top. Focusable, so a keyboard can scroll it. */}
          <div key={step} className="content-scroll" tabIndex={0}>
            <div className="content-inner">
              <ActionSlot.Provider value={slot}>
                <View />
              </ActionSlot.Provider>
            </div>
          </div>
          <div className="action-bar">
            <div className="action-bar-inner">
              <BackButton />
              <div className="action-main" ref={setSlot} />
            </div>
          </div>
        </main>
      </div>
    </div>
  )
}
