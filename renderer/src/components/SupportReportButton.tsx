import { useId } from 'react'
import { useMessages } from '../i18n/use-messages'
import type { Place } from '../store/state'
import { useSupport } from '../store/support-store'
import { useWizard } from '../store/wizard-store'

/** "Save a support report": on Done and with every error (the error of its place); main writes the file and says where. */
export function SupportReportButton({ place }: { readonly place?: Place } = {}) {
  const t = useMessages().supportReport
  const id = useId()
  const installationId = useWizard((s) => s.selectedId)
  const error = useWizard((s) => (place ? (s.errors[place] ?? null) : null))
  const report = useSupport((s) => s.report)
  const save = useSupport((s) => s.saveReport)
  const setIncludeEmail = useSupport((s) => s.setIncludeEmail)
  return (
    <div className="support-report">
      <button type="button" className="secondary" disabled={report.status === 'saving'} onClick={() => void save(installationId, error ? { code: error.code, message: error.message } : null)}>
        {report.status === 'saving' ? t.saving : t.save}
      </button>
      <label htmlFor={id}>
        <input id={id} type="checkbox" checked={report.includeEmail} onChange={(e) => setIncludeEmail(e.target.checked)} /> {t.includeEmail}
      </label>
      <p className="hint">{t.hint}</p>
      <p aria-live="polite">
        {report.status === 'saved' && report.path ? (
          <>
            {t.saved} <span className="mono">{report.path}</span>
          </>
        ) : report.status === 'failed' ? (
          t.failed
        ) : null}
      </p>
    </div>
  )
}
