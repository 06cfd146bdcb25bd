import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { ensureApi } from './api/ensure-api'
import { App } from './App'
import { startLocale } from './i18n/locale-store'
import './styles/base.css'
import './styles/controls.css'
import './styles/steps.css'

ensureApi()

// The window opens in its language: that catalogue (one small chunk) comes before the first render.
void startLocale().finally(() =>
  createRoot(document.getElementById('root')!).render(
    <StrictMode>
      <App />
    </StrictMode>
  )
)
