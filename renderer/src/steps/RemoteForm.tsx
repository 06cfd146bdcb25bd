import { useLayoutEffect, useRef, useState } from 'react'
import { ActionBar } from '../components/ActionBar'
import { StepError } from '../components/StepError'
import { useMessages } from '../i18n/use-messages'
import { useWizard } from '../store/wizard-store'
import { parseAddress, parsePort, USER } from './remote-address'

/** A field's message, beside it, once the user has typed there (or tried to connect). */
function FieldMessage({ id, text }: { readonly id: string; readonly text: string | null }) {
  return text ? (
    <p id={id} className="field-error">
      {text}
    </p>
  ) : null
}

/**
 * "A server on another machine…": where and how to connect, checked as the user types. Passwords
 * stay in this form's own state, go to main once with the connection, and are never stored.
 */
export function RemoteForm() {
  const messages = useMessages()
  const t = messages.remote
  const remote = useWizard((s) => s.remote)
  const { connectRemote, openRemote } = useWizard.getState()
  const [host, setHost] = useState('')
  const [port, setPort] = useState('22')
  const [user, setUser] = useState('')
  const [touched, setTouched] = useState({ host: false, port: false, user: false })
  const [auth, setAuth] = useState<'key' | 'password'>('key')
  const [password, setPassword] = useState('')
  const [sudo, setSudo] = useState(false)
  const [sudoAsks, setSudoAsks] = useState(false)
  const [sudoPassword, setSudoPassword] = useState('')
  const busy = remote.status === 'connecting'
  // Opened from its button (which is gone now): the focus goes to the first field.
  const first = useRef<HTMLInputElement>(null)
  useLayoutEffect(() => {
    first.current?.focus()
  }, [])
  /** What the user changes makes the last answer stale: its error and a fingerprint to confirm go. */
  const edited = (): void => {
    const now = useWizard.getState()
    if (now.errors.remote) useWizard.setState({ errors: { ...now.errors, remote: undefined } })
    if (now.remote.status === 'confirm') useWizard.setState({ remote: { status: 'open', fingerprint: null } })
  }
  const address = parseAddress(host)
  const portNumber = address.ok && address.port !== null ? address.port : parsePort(port)
  const userName = address.ok && address.user ? address.user : user.trim()
  const hostError = address.ok ? null : address.problem === 'empty' ? t.hostEmpty : address.problem === 'port' ? t.portBad : address.problem === 'user' ? t.userBad : t.hostBad
  const portError = portNumber === null ? t.portBad : null
  const userError = !userName ? t.userEmpty : USER.test(userName) ? null : t.userBad
  const valid = address.ok && !portError && !userError
  const connect = (acceptFingerprint?: string): void => {
    setTouched({ host: true, port: true, user: true })
    if (!valid || !address.ok || portNumber === null) return
    void connectRemote({
      host: address.host,
      port: portNumber,
      user: userName,
      auth,
      sudo,
      ...(auth === 'password' ? { password } : {}),
      ...(sudo && sudoAsks ? { sudoPassword } : {}),
      ...(acceptFingerprint ? { acceptFingerprint } : {})
    })
  }
  const invalid = (field: 'host' | 'port' | 'user', error: string | null) => ({
    'aria-invalid': touched[field] && error !== null,
    'aria-describedby': touched[field] && error ? `remote-${field}-error` : field === 'host' ? 'remote-host-hint' : undefined,
    onBlur: () => setTouched((x) => ({ ...x, [field]: true }))
  })
  return (
    <section className="card remote" aria-labelledby="remote-title">
      <h2 id="remote-title">{t.title}</h2>
      <p className="muted">{t.body}</p>
      <form
        id="remote-form"
        noValidate
        onChange={edited}
        onSubmit={(e) => {
          e.preventDefault()
          connect()
        }}
      >
        <div className="field">
          <label htmlFor="remote-host">{t.host}</label>
          <p id="remote-host-hint" className="muted hint">
            {t.hostHint}
          </p>
          <input ref={first} id="remote-host" value={host} onChange={(e) => (setHost(e.target.value), setTouched((x) => ({ ...x, host: true })))} autoComplete="off" spellCheck={false} {...invalid('host', hostError)} />
          <FieldMessage id="remote-host-error" text={touched.host ? hostError : null} />
        </div>
        <div className="field-row">
          {address.ok && address.port !== null ? null : (
            <div className="field narrow">
              <label htmlFor="remote-port">{t.port}</label>
              <input id="remote-port" value={port} onChange={(e) => (setPort(e.target.value), setTouched((x) => ({ ...x, port: true })))} inputMode="numeric" {...invalid('port', portError)} />
              <FieldMessage id="remote-port-error" text={touched.port ? portError : null} />
            </div>
          )}
          {address.ok && address.user ? null : (
            <div className="field grow">
              <label htmlFor="remote-user">{t.user}</label>
              <input id="remote-user" value={user} onChange={(e) => (setUser(e.target.value), setTouched((x) => ({ ...x, user: true })))} autoComplete="username" spellCheck={false} {...invalid('user', userError)} />
              <FieldMessage id="remote-user-error" text={touched.user ? userError : null} />
            </div>
          )}
        </div>
        <fieldset className="choice">
          <legend>{t.auth}</legend>
          <label className="option">
            <input type="radio" name="remote-auth" checked={auth === 'key'} onChange={() => setAuth('key')} /> {t.key}
          </label>
          <label className="option">
            <input type="radio" name="remote-auth" checked={auth === 'password'} onChange={() => setAuth('password')} /> {t.password}
          </label>
        </fieldset>
        {auth === 'password' ? (
          <div className="field">
            <label htmlFor="remote-password">{t.passwordLabel}</label>
            <input id="remote-password" type="password" value={password} onChange={(e) => setPassword(e.target.value)} autoComplete="off" />
          </div>
        ) : null}
        <label className="option">
          <input type="checkbox" checked={sudo} onChange={(e) => setSudo(e.target.checked)} /> {t.sudo}
        </label>
        {sudo ? (
          <label className="option nested">
            <input type="checkbox" checked={sudoAsks} onChange={(e) => setSudoAsks(e.target.checked)} /> {t.sudoAsks}
          </label>
        ) : null}
        {sudo && sudoAsks ? (
          <div className="field">
            <label htmlFor="remote-sudo">{t.sudoPassword}</label>
            <input id="remote-sudo" type="password" value={sudoPassword} onChange={(e) => setSudoPassword(e.target.value)} autoComplete="off" />
          </div>
        ) : null}
        {remote.status === 'confirm' && remote.fingerprint ? (
          <div className="card warning" role="alert">
            <h3>{t.confirmTitle}</h3>
            <p className="mono-wrap">{t.confirm(remote.fingerprint)}</p>
            <button type="button" className="primary" onClick={() => connect(remote.fingerprint!)}>
              {t.trust}
            </button>
          </div>
        ) : null}
        <StepError place="remote" />
        <ActionBar>
          <button type="button" className="secondary" onClick={() => openRemote(false)}>
            {t.cancel}
          </button>
          {remote.status !== 'confirm' ? (
            <button type="submit" form="remote-form" className="primary" disabled={busy}>
              {busy ? t.connecting : t.connect}
            </button>
          ) : null}
        </ActionBar>
      </form>
    </section>
  )
}
