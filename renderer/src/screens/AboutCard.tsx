import type { AppInfo } from '../../../preload/contract'
import { messages } from '../messages'

export function AboutCard({ info }: { readonly info: AppInfo }) {
  const t = messages.about
  return (
    <section className="card" aria-labelledby="about-heading">
      <h2 id="about-heading">{t.heading}</h2>
      <dl className="facts">
        <dt>{t.version}</dt>
        <dd data-testid="app-version">{info.version}</dd>
        <dt>{t.platform}</dt>
        <dd data-testid="app-platform">{info.platform}</dd>
        <dt>{t.runtime}</dt>
        <dd data-testid="app-runtime">{t.runtimes[info.runtime]}</dd>
      </dl>
      {info.demo ? <p className="note">{t.demo}</p> : null}
    </section>
  )
}
