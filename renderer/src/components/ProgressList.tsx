import type { ProgressEvent, RunStanding, StepId } from '../../../preload/contract'
import { useFormat, useMessages, useTypography } from '../i18n/use-messages'
import type { Messages } from '../messages/en'
import { progressRows, soFar, type RunPhase } from '../store/progress'

/** Where things stand, from what main read after the run (or what the events say so far). */
function standingText(t: Messages['standing'], gap: string, phase: RunPhase, events: readonly ProgressEvent[], standing: RunStanding | null, restore: boolean): string {
  if (phase === 'running') {
    const s = soFar(events)
    return [s.stopped ? t.soFarStopped : null, s.changed ? (restore ? t.changedRestore : t.changed) : t.soFarOriginal].filter(Boolean).join(gap)
  }
  if (!standing) return ''
  const server = standing.serverRunning === null ? t.unknownServer : standing.serverRunning ? t.running : t.stopped
  const settings = standing.settingsChanged === null ? t.unknownSettings : standing.settingsChanged ? (restore ? t.changedRestore : t.changed) : t.original
  return [server, settings, standing.backupId ? t.backup(standing.backupDir) : null].filter(Boolean).join(gap)
}

/** Live progress: one row per step, exactly one running; a polite announcement of the latest step. */
export function ProgressList(props: {
  readonly steps: readonly StepId[]
  readonly labels: Record<string, string>
  readonly events: readonly ProgressEvent[]
  readonly phase: RunPhase
  readonly standing: RunStanding | null
  readonly restore?: boolean
}) {
  const messages = useMessages()
  const seconds = useFormat().seconds
  const { colon, gap } = useTypography()
  const rows = progressRows(props.steps, props.events, props.phase)
  const current = rows.find((r) => r.status === 'running' || r.status === 'failed')
  const where = standingText(messages.standing, gap, props.phase, props.events, props.standing, props.restore ?? false)
  return (
    <>
      <ol className="progress">
        {rows.map((row) => (
          <li key={row.step} className={`progress-row ${row.status}`}>
            <span className="progress-mark" aria-hidden="true" />
            <span className="progress-name">{props.labels[row.step] ?? row.step}</span>
            <span className="progress-status">
              {messages.reset.status[row.status]}
              {row.durationMs !== null ? ` · ${seconds(row.durationMs)}` : ''}
            </span>
          </li>
        ))}
      </ol>
      {where ? (
        <p className="standing">
          <strong>
            {messages.standing.title}
            {colon}
          </strong>
          {gap}
          {where}
        </p>
      ) : null}
      <p className="visually-hidden" aria-live="polite">
        {current ? `${props.labels[current.step] ?? current.step}${colon}${gap}${messages.reset.status[current.status]}` : ''}
      </p>
    </>
  )
}
