import { ActionBar } from '../components/ActionBar'
import { useEffect, useState } from 'react'
import type { BackupView } from '../../../preload/contract'
import { Dialog } from '../components/Dialog'
import { ProgressList } from '../components/ProgressList'
import { StepError } from '../components/StepError'
import { StepHeading } from '../components/StepHeading'
import { useFormat, useMessages } from '../i18n/use-messages'
import { useWizard } from '../store/wizard-store'
import { RESTORE_STEPS } from '../store/run-steps'

const account = (b: BackupView): string | null => b.account.username ?? b.account.maskedEmail
/** Which server: its kind of installation, in words (the full path is in the backup's manifest). */
const serverOf = (b: BackupView, kinds: Readonly<Record<string, string>>): string => `Plex Media Server (${kinds[b.installType] ?? b.installType})`

function BackupItem({ b, chosen, onChoose }: { readonly b: BackupView; readonly chosen: boolean; readonly onChoose: () => void }) {
  const messages = useMessages()
  const when = useFormat().date
  const t = messages.restore
  const who = account(b)
  return (
    <li className={`card backup ${chosen ? 'chosen' : ''}`}>
      <input id={`backup-${b.id}`} type="radio" name="backup" value={b.id} checked={chosen} onChange={onChoose} />
      <label htmlFor={`backup-${b.id}`} className="backup-main">
        <strong>{when(b.createdAt)}</strong>
        <span>{who ? t.signedInAs(who) : t.notSignedIn}</span>
        <span className="backup-detail">
          {t.taken(t.reason[b.reason] ?? b.reason)} · {serverOf(b, t.installTypes)} · {t.fingerprint} {b.sha256.slice(0, 8)}
        </span>
      </label>
    </li>
  )
}

export function RestoreView() {
  const messages = useMessages()
  const when = useFormat().date
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
  const running = restore.status === 'running'
  const restored = backups?.find((b) => b.id === restore.backupId) ?? null
  return (
    <section aria-busy={running}>
      <StepHeading>{t.title}</StepHeading>
      <p className="lead">{t.body}</p>
      {backups && backups.length === 0 ? <p>{t.none}</p> : null}
      {backups?.length ? (
        <fieldset className="backup-list" disabled={running}>
          <legend className="visually-hidden">{t.title}</legend>
          <ul>
            {backups.map((b) => (
              <BackupItem key={b.id} b={b} chosen={chosen === b.id} onChoose={() => setChosen(b.id)} />
            ))}
          </ul>
        </fieldset>
      ) : null}
      {restore.status !== 'idle' ? <ProgressList steps={RESTORE_STEPS} labels={t.steps} events={restore.events} phase={restore.status} standing={restore.standing} restore /> : null}
      {restore.status === 'finished' && restored ? <p role="status" className="strong">{t.restored(when(restored.createdAt))}</p> : null}
      {restore.status === 'failed' ? <p className="strong">{t.failed}</p> : null}
      <StepError place="restore" />
      <ActionBar>
        <button type="button" className="primary" disabled={!selected || running} onClick={() => setConfirming(true)}>
          {running ? t.working : t.choose}
        </button>
      </ActionBar>
      {confirming && selected ? (
        <Dialog title={t.confirmTitle} onCancel={() => setConfirming(false)}>
          <p>{t.confirm(when(selected.createdAt), account(selected))}</p>
          <div className="actions">
            <button type="button" className="secondary" onClick={() => setConfirming(false)}>
              {t.cancel}
            </button>
            <button
              type="button"
              className="primary"
              onClick={() => {
                setConfirming(false)
                // Disarmed: restoring again needs a new choice.
                setChosen(null)
                void restoreBackup(selected.id)
              }}
            >
              {t.confirmYes}
            </button>
          </div>
        </Dialog>
      ) : null}
    </section>
  )
}
