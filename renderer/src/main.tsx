import { StrictMode } from 'react'
import { createRoot } from 'react-dom/client'
import { ensureApi } from './api/ensure-api'
import { App } from './App'
import './styles/base.css'
import './styles/controls.css'
import './styles/steps.css'

ensureApi()

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <App />
  </StrictMode>
)
