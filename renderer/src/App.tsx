import { useEffect } from 'react'
import { messages } from './messages'
import { AboutCard } from './screens/AboutCard'
import { useAppStore } from './store/app-store'

export function App() {
  const info = useAppStore((s) => s.info)
  const error = useAppStore((s) => s.error)
  const loadInfo = useAppStore((s) => s.loadInfo)

  useEffect(() => {
    void loadInfo()
  }, [loadInfo])

  return (
    <div className="shell">
      <header className="brand">
        <span className="logo" aria-hidden="true" />
        <div>
          <p className="app-name">{messages.appName}</p>
          <p className="tagline">{messages.tagline}</p>
        </div>
      </header>
      <main className="content">
        <h1>{messages.welcome.title}</h1>
        <p className="lead">{messages.welcome.body}</p>
        {error ? (
          <div role="alert" className="card error">
            <h2>{messages.errorTitle}</h2>
            <p>{error.message}</p>
          </div>
        ) : info ? (
          <AboutCard info={info} />
        ) : (
          <p aria-live="polite">{messages.loading}</p>
        )}
      </main>
    </div>
  )
}
