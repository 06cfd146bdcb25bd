import { ActionBar } from '../components/ActionBar'
import { useEffect, useRef } from 'react'
import { StepError } from '../components/StepError'
import { StepHeading } from '../components/StepHeading'
import { useFormat, useMessages } from '../i18n/use-messages'
import { useWizard } from '../store/wizard-store'

export function Backup() {
  const messages = useMessages()
  const when = useFormat().date
  const t = messages.backup
  const backup = useWizard((s) => (s.backup?.installationId === s.selectedId ? s.backup : null))
  const busy = useWizard((s) => s.backingUp)
  const { takeBackup, goTo } = useWizard.getState()
  const done = useRef<HTMLDivElement>(null)
  const took = useRef(false)
  // The button that was pressed is gone once the backup exists: the focus goes to the result.
  useEffect(() => {
    if (backup && took.current) done.current?.focus()
  }, [backup])
  return (
    <section>
      <StepHeading>{t.title}</StepHeading>
      <p className="lead">{t.body}</p>
      {backup ? (
        <div ref={done} tabIndex={-1} className="card success" role="status">
          <p>{t.verified(when(backup.backup.createdAt))}</p>
          <dl className="facts">
            <dt>{t.where}</dt>
            <dd className="mono">{backup.location}</dd>
            <dt>{t.checksum}</dt>
            <dd className="mono">{backup.backup.sha256.slice(0, 16)}…</dd>
          </dl>
        </div>
      ) : null}
      <StepError place="backup" />
      <ActionBar>
        {backup ? (
          <button type="button" className="primary" onClick={() => goTo('review')}>
            {t.continue}
          </button>
        ) : (
          <button
            type="button"
            className="primary"
            onClick={() => {
              took.current = true
              void takeBackup()
            }}
            disabled={busy}
          >
            {busy ? t.taking : t.take}
          </button>
        )}
      </ActionBar>
    </section>
  )
}
