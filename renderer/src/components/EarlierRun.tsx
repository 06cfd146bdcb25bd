import { useMessages } from '../i18n/use-messages'
import { serverLabel } from '../i18n/server-label'
import { useWizard } from '../store/wizard-store'

/** A run that ended before this page was opened: said on Welcome, shown only when asked. */
export function EarlierRun() {
  const messages = useMessages()
  const t = messages.afterRun
  const finished = useWizard((s) => (s.finished?.earlier && s.finished.kind !== 'claim' ? s.finished : null))
  const server = useWizard((s) => s.installations?.find((i) => i.id === s.finished?.installationId) ?? null)
  const goTo = useWizard((s) => s.goTo)
  if (!finished || finished.kind === 'claim') return null
  const types = messages.servers.types as Readonly<Record<string, string>>
  // Named like a detected server once the list is back; before that from main's record.
  const name = server ? serverLabel(server, messages.servers) : (types[finished.label] ?? finished.label)
  return (
    <div className="card" role="note" aria-label={t.earlierLabel}>
      <p>{t.earlier(finished.kind, name, finished.status === 'finished')}</p>
      <button type="button" className="secondary" onClick={() => goTo(finished.kind === 'restore' ? 'restore' : 'reset')}>
        {t.show}
      </button>
    </div>
  )
}
