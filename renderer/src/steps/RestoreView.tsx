import { useEffect, useRef, useState } from 'react'
import type { BackupView } from '../../../preload/contract'
import { ProgressList } from '../components/ProgressList'
import { StepHeading } from '../components/StepHeading'
import { messages } from '../messages'
import { useWizard } from '../store/wizard-store'

const when = (iso: string): string => new Date(iso).toLocaleString()
const RESTORE_STEPS = ['verify-backup', 'stop', 'verify-stopped', 'backup', 'remove', 'start', 'verify-unclaimed']

function ConfirmDialog({ backup, onCancel, onConfirm }: { readonly backup: BackupView; readonly onCancel: () => void; readonly onConfirm: () => void }) {
  const t = messages.restore
  const cancel = useRef<HTMLButtonElement>(null)
  useEffect(() => cancel.current?.focus(), [])
  return (
    <div className="dialog-backdrop">
      <div role="alertdialog" aria-modal="true" aria-labelledby="confirm-title" aria-describedby="confirm-body" className="dialog" onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
        <h2 id="confirm-title">{t.confirmTitle}</h2>
        <p id="confirm-body">{t.confirm(when(backup.createdAt))}</p>
        <div className="actions">
          <button ref={cancel} type="button" className="secondary" onClick={onCancel}>
            {t.cancel}
          </button>
          <button type="button" className="primary" onClick={onConfirm}>
            {t.confirmYes}
          </button>
        </div>
      </div>
    </div>
  )
}

export function RestoreView() {
  const t = messages.restore
  const backups = useWizard((s) => s.backups)
  const restore = useWizard((s) => s.restore)
  const { loadBackups, restoreBackup } = useWizard.getState()
  const [chosen, setChosen] = useState<string | null>(null)
  const [confirming, setConfirming] = useState(false)
  useEffect(() => {
    if (backups === null) void loadBackups()
  }, [backups, loadBackups])
  const selected = backups?.find((b) => b.id === chosen) ?? null
  return (
    <section aria-busy={restore.status === 'running'}>
      <StepHeading>{t.title}</StepHeading>
      <p className="lead">{t.body}</p>
      {backups && backups.length === 0 ? <p>{t.none}</p> : null}
      {backups?.length ? (
        <fieldset className="backup-list" disabled={restore.status === 'running'}>
          <legend className="visually-hidden">{t.title}</legend>
          {backups.map((b) => (
            <label key={b.id} className={`card backup ${chosen === b.id ? 'chosen' : ''}`}>
              <input type="radio" name="backup" value={b.id} checked={chosen === b.id} onChange={() => setChosen(b.id)} />
              <span className="backup-main">
                <strong>{when(b.createdAt)}</strong> <span className="muted">({t.reason[b.reason] ?? b.reason})</span>
                <span className="backup-detail">
                  {t.account}: {b.account.username ?? b.account.maskedEmail ?? '—'} · {t.keys}: {b.keysPresent.length ? b.keysPresent.join(', ') : t.noKeys}
                </span>
                <span className="backup-detail mono">{b.target}</span>
              </span>
            </label>
          ))}
        </fieldset>
      ) : null}
      {restore.status !== 'idle' ? <ProgressList steps={RESTORE_STEPS} events={restore.events} /> : null}
      {restore.status === 'finished' && restore.backupId ? <p role="status">{t.restored(restore.backupId)}</p> : null}
      <div className="actions primary-row">
        <button type="button" className="primary" disabled={!selected || restore.status === 'running'} onClick={() => setConfirming(true)}>
          {restore.status === 'running' ? t.working : t.choose}
        </button>
      </div>
      {confirming && selected ? (
        <ConfirmDialog
          backup={selected}
          onCancel={() => setConfirming(false)}
          onConfirm={() => {
            setConfirming(false)
            void restoreBackup(selected.id)
          }}
        />
      ) : null}
    </section>
  )
}
