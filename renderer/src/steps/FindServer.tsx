import { useEffect, useRef, useState } from 'react'
import type { InstallationView } from '../../../preload/contract'
import { StepError } from '../components/StepError'
import { StepHeading } from '../components/StepHeading'
import { useServerLabel } from '../i18n/server-label'
import { useMessages, useTypography } from '../i18n/use-messages'
import { useWizard } from '../store/wizard-store'
import { RemoteForm } from './RemoteForm'

function ServerCard({ server, chosen }: { readonly server: InstallationView; readonly chosen: boolean }) {
  const messages = useMessages()
  const t = messages.find
  const { colon, gap } = useTypography()
  const select = useWizard((s) => s.select)
  const name = useServerLabel()(server)
  const who = server.account?.username ?? server.account?.maskedEmail
  const state = server.running === null ? t.unknown : server.running ? t.running : t.stopped
  // The file just chosen: its card is marked and its button takes the focus.
  const use = useRef<HTMLButtonElement>(null)
  useEffect(() => {
    if (chosen) use.current?.focus()
  }, [chosen])
  return (
    <li className={chosen ? 'card server chosen' : 'card server'}>
      <div className="server-head">
        <h2>{name}</h2>
        <span className={`badge ${server.running ? 'on' : 'off'}`}>{state}</span>
      </div>
      <p>{server.readError ? (server.readError.code === 'NEEDS_PERMISSION' ? t.needsPermission : t.cannotRead) : who ? `${t.signedInAs}${gap}${who}` : t.notSignedIn}</p>
      {server.host !== 'this computer' ? <p className="muted">{t.on(server.host)}</p> : null}
      <details className="muted path">
        <summary>{t.where}</summary>
        <span className="mono">{server.store}</span>
      </details>
      {!server.controllable ? <p className="muted">{t.manual}</p> : null}
      <button ref={use} type="button" className="primary" onClick={() => select(server.id)} aria-label={`${t.select}${colon}${gap}${name}`}>
        {t.select}
      </button>
    </li>
  )
}

export function FindServer() {
  const messages = useMessages()
  const t = messages.find
  const installations = useWizard((s) => s.installations)
  const detecting = useWizard((s) => s.detecting)
  const detect = useWizard((s) => s.detect)
  const chooseFile = useWizard((s) => s.chooseFile)
  const remoteOpen = useWizard((s) => s.remote.status !== 'closed')
  const openRemote = useWizard((s) => s.openRemote)
  const [chosen, setChosen] = useState<{ readonly id: string; readonly listed: boolean } | null>(null)
  // However the step is opened (button or steps list), it searches if nothing was found yet.
  useEffect(() => {
    if (useWizard.getState().installations === null && !useWizard.getState().detecting) void detect()
  }, [detect])
  return (
    <section>
      <StepHeading>{t.title}</StepHeading>
      <p aria-live="polite" className="lead">
        {detecting || installations === null ? t.searching : installations.length ? t.found(installations.length) : t.none}
      </p>
      {installations && installations.length === 0 ? <p>{t.noneHelp}</p> : null}
      {installations?.length ? (
        <ul className="server-list">
          {installations.map((i) => (
            <ServerCard key={i.id} server={i} chosen={chosen?.id === i.id} />
          ))}
        </ul>
      ) : null}
      {chosen?.listed ? (
        <p role="status" className="strong">
          {messages.screens.alreadyListed}
        </p>
      ) : null}
      <StepError place="find" />
      {remoteOpen ? <RemoteForm /> : null}
      <div className="actions">
        <button type="button" className="secondary" onClick={() => void chooseFile().then((c) => c && setChosen(c))}>
          {t.choose}
        </button>
        {!remoteOpen ? (
          <button type="button" className="secondary" onClick={() => openRemote(true)}>
            {messages.remote.open}
          </button>
        ) : null}
        <button type="button" className="secondary" onClick={() => void detect()} disabled={detecting}>
          {t.again}
        </button>
      </div>
    </section>
  )
}
