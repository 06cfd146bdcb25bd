import type { ProgressEvent } from '../../../preload/contract'
import { messages } from '../messages'

/** Live progress: one row per step with its latest status and elapsed time, announced politely. */
export function ProgressList({ steps, events }: { readonly steps: readonly string[]; readonly events: readonly ProgressEvent[] }) {
  const latest = new Map<string, ProgressEvent>()
  for (const e of events) latest.set(e.step, e)
  const current = events.at(-1)
  return (
    <>
      <ol className="progress">
        {steps.map((step) => {
          const e = latest.get(step)
          const status = e?.status ?? 'pending'
          return (
            <li key={step} className={`progress-row ${status}`}>
              <span className="progress-mark" aria-hidden="true" />
              <span className="progress-name">{messages.reset.steps[step] ?? step}</span>
              <span className="progress-status">
                {messages.reset.status[status]}
                {e ? ` · ${(e.elapsedMs / 1000).toFixed(1)} s` : ''}
              </span>
            </li>
          )
        })}
      </ol>
      <p className="visually-hidden" aria-live="polite">
        {current ? `${messages.reset.steps[current.step] ?? current.step}: ${current.message}` : ''}
      </p>
    </>
  )
}
