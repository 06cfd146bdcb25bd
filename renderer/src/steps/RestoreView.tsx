import { ActionBar } from '../components/ActionBar'
import { useEffect, useState } from 'react'
import { RESTORE_STEP_IDS, type BackupView } from '../../../preload/contract'
import { Dialog } from '../components/Dialog'
import { ProgressList } from '../components/ProgressList'
import { StepError } from '../components/StepError'
import { StepHeading } from '../components/StepHeading'
import { useFormat, useMessages } from '../i18n/use-messages'
import { backupCards, type BackupCard } from '../store/backup-cards'
import { signedIn } from '../store/steps'
import { useWizard } from '../store/wizard-store'
import { accountName } from './account-name'

const account = (b: BackupView): string | null => b.account.username ?? b.account.maskedEmail

function BackupItem({ card, chosen, onChoose }: { readonly card: BackupCard; readonly chosen: boolean; readonly onChoose: () => void }) {
  const messages = useMessages()
  const when = useFormat().date
  const t = messages.restore
  const b = card.newest
  const who = account(b)
  // Why it was taken: the run that used it says so ("before the reset on …"), else its own reason.
  const why = b.usedBy ? messages.afterRun.before(b.usedBy.kind, when(b.usedBy.at)) : t.taken(t.reason[b.reason] ?? b.reason)
  const [first, ...more] = card.dates
  return (
    <li className={`card backup ${chosen ? 'chosen' : ''}`}>
      <input id={`backup-${b.id}`} type="radio" name="backup" value={b.id} checked={chosen} onChange={onChoose} />
      <label htmlFor={`backup-${b.id}`} className="backup-main">
        <strong>
          <time dateTime={first}>{when(first!)}</time>
        </strong>
        {more.length ? (
          <span className="backup-detail">
            {more.map((d, n) => (
              <span key={d}>
                {n ? ' · ' : ''}
                <time dateTime={d}>{when(d)}</time>
              </span>
            ))}
          </span>
        ) : null}
        <span>
          {who ? t.signedInAs(who) : t.notSignedIn}
          {card.useful ? <span className="tag">{messages.afterRun.newest}</span> : null}
        </span>
        <span className="backup-detail">
          {why} · {t.installTypes[b.installType] ?? b.installType} · {t.fingerprint} {b.sha256.slice(0, 8)}
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
  const installations = useWizard((s) => s.installations)
  const selectedId = useWizard((s) => s.selectedId)
  const { loadBackups, restoreBackup, resetAgain } = useWizard.getState()
  const [chosen, setChosen] = useState<string | null>(null)
  const [confirming, setConfirming] = useState(false)
  useEffect(() => {
    if (backups === null) void loadBackups()
  }, [backups, loadBackups])
  const current = installations?.find((i) => i.id === (selectedId ?? backups?.[0]?.installationId)) ?? null
  const cards = backupCards(backups ?? [], signedIn(current) ? (current?.account?.username ?? null) : null)
  const selected = backups?.find((b) => b.id === chosen) ?? null
  const running = restore.status === 'running'
  const restored = backups?.find((b) => b.id === restore.backupId) ?? null
  // What is lost: the account the server has now (as last read), if another than the backup's.
  const server = installations?.find((i) => i.id === selected?.installationId) ?? null
  const now = signedIn(server) && server?.account ? accountName(server.account) : null
  const after = restore.standing?.account ?? null
  const afterWho = after && after.keysPresent.length > 0 ? accountName(after) : null
  return (
    <section aria-busy={running}>
      <StepHeading>{t.title}</StepHeading>
      <p className="lead">{t.body}</p>
      {backups && backups.length === 0 ? <p>{t.none}</p> : null}
      {cards.length ? (
        <fieldset className="backup-list" disabled={running}>
          <legend className="visually-hidden">{t.title}</legend>
          <ul>
            {cards.map((c) => (
              <BackupItem key={c.newest.id} card={c} chosen={chosen === c.newest.id} onChoose={() => setChosen(c.newest.id)} />
            ))}
          </ul>
        </fieldset>
      ) : null}
      {restore.status !== 'idle' ? <ProgressList steps={RESTORE_STEP_IDS} labels={t.steps} events={restore.events} phase={restore.status} standing={restore.standing} restore /> : null}
      {restore.status === 'finished' && restored ? (
        <div role="status">
          <p className="strong">{t.restored(when(restored.createdAt))}</p>
          {restore.standing?.account ? <p>{afterWho ? messages.afterRun.restoredAs(afterWho) : messages.afterRun.restoredNone}</p> : null}
        </div>
      ) : null}
      {restore.status === 'failed' ? <p className="strong">{t.failed}</p> : null}
      <StepError place="restore" />
      <ActionBar>
        <button type="button" className="primary" disabled={!selected || running} onClick={() => setConfirming(true)}>
          {running ? t.working : t.choose}
        </button>
        {restore.status === 'finished' && afterWho ? (
          <button type="button" className="secondary" onClick={resetAgain}>
            {messages.afterRun.resetAgain}
          </button>
        ) : null}
      </ActionBar>
      {confirming && selected ? (
        <Dialog title={t.confirmTitle} onCancel={() => setConfirming(false)}>
          <p>{t.confirm(when(selected.createdAt), account(selected))}</p>
          {now && now !== account(selected) ? <p className="strong">{messages.afterRun.loses(selected.keysPresent.length ? account(selected) : null, now)}</p> : null}
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
