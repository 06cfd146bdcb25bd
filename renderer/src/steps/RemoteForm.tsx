import { useState } from 'react'
import { messages } from '../messages'
import { useWizard } from '../store/wizard-store'

/**
 * "A server on another machine…": where and how to connect. Passwords stay in this form's own
 * state, go to main once with the connection, and are never stored anywhere.
 */
export function RemoteForm() {
  const t = messages.remote
  const remote = useWizard((s) => s.remote)
  const { connectRemote, openRemote } = useWizard.getState()
  const [host, setHost] = useState('')
  const [port, setPort] = useState('22')
  const [user, setUser] = useState('')
  const [auth, setAuth] = useState<'key' | 'password'>('key')
  const [password, setPassword] = useState('')
  const [needsSudo, setNeedsSudo] = useState(false)
  const [sudoPassword, setSudoPassword] = useState('')
  const busy = remote.status === 'connecting'
  const connect = (acceptFingerprint?: string): void =>
    void connectRemote({
      host: host.trim(),
      port: Number(port),
      user: user.trim(),
      auth,
      ...(auth === 'password' ? { password } : {}),
      ...(needsSudo ? { sudoPassword } : {}),
      ...(acceptFingerprint ? { acceptFingerprint } : {})
    })
  return (
    <section className="card remote" aria-labelledby="remote-title">
      <h2 id="remote-title">{t.title}</h2>
      <p className="muted">{t.body}</p>
      <form
        onSubmit={(e) => {
          e.preventDefault()
          connect()
        }}
      >
        <div className="field-row">
          <div className="field grow">
            <label htmlFor="remote-host">{t.host}</label>
            <input id="remote-host" value={host} onChange={(e) => setHost(e.target.value)} autoComplete="off" spellCheck={false} required />
          </div>
          <div className="field narrow">
            <label htmlFor="remote-port">{t.port}</label>
            <input id="remote-port" value={port} onChange={(e) => setPort(e.target.value)} inputMode="numeric" required />
          </div>
          <div className="field">
            <label htmlFor="remote-user">{t.user}</label>
            <input id="remote-user" value={user} onChange={(e) => setUser(e.target.value)} autoComplete="username" spellCheck={false} required />
          </div>
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
          <input type="checkbox" checked={needsSudo} onChange={(e) => setNeedsSudo(e.target.checked)} /> {t.sudo}
        </label>
        {needsSudo ? (
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
        <div className="actions">
          {remote.status !== 'confirm' ? (
            <button type="submit" className="primary" disabled={busy}>
              {busy ? t.connecting : t.connect}
            </button>
          ) : null}
          <button type="button" className="secondary" onClick={() => openRemote(false)}>
            {t.cancel}
          </button>
        </div>
      </form>
    </section>
  )
}
