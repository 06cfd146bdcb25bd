import { describe, expect, it } from 'vitest'
import { HELPER_LINE_MAX, HELPER_STREAM_MAX, HelperLineReader, errorLineOf, stepLineOf, type HelperLine } from './elevated-lines'

const RUN = '20261129-120000-abcdef'
const step = (extra: object = {}) => `${JSON.stringify({ type: 'step', runId: RUN, step: 'stop', status: 'running', message: 'Stopping Plex Media Server', elapsedMs: 12, ...extra })}\n`
const journal = {
  format: 2,
  runId: RUN,
  kind: 'reset',
  mode: 'service',
  host: { kind: 'local' },
  installationId: 'pms-0123456789ab',
  label: 'Plex Media Server (Linux package)',
  source: { kind: 'detected' },
  store: { kind: 'preferences-xml', path: '/var/lib/plexmediaserver/Preferences.xml', dataDir: '/var/lib/plexmediaserver' },
  createdAt: '2026-11-29T12:00:00.000Z',
  updatedAt: '2026-11-29T12:00:01.000Z',
  completed: ['preflight'],
  outcome: 'finished'
}
const result = { type: 'result', runId: RUN, outcome: 'finished', removed: ['PlexOnlineToken'], journal, logPath: '/root/x.log', backupDir: '/root/b' }

function read(...chunks: string[]): { lines: HelperLine[]; problem: string | null } {
  const lines: HelperLine[] = []
  const reader = new HelperLineReader((l) => lines.push(l))
  let problem = null
  for (const c of chunks) problem ??= reader.push(c)
  problem ??= reader.end()
  return { lines, problem: problem?.message ?? null }
}

describe("the elevated helper's JSON lines", () => {
  it('reads steps, a result and an error, split anywhere across chunks', () => {
    const all = step() + step({ status: 'done', final: true }) + `${JSON.stringify(result)}\n` + `${errorLineOf('ELEVATION_DENIED', 'no')}\n`
    const { lines, problem } = read(all.slice(0, 7), all.slice(7, 200), all.slice(200))
    expect(problem).toBeNull()
    expect(lines.map((l) => l.type)).toEqual(['step', 'step', 'result', 'error'])
    expect(lines[1]).toEqual({ type: 'step', runId: RUN, step: 'stop', status: 'done', message: 'Stopping Plex Media Server', elapsedMs: 12, final: true })
  })

  it('the helper side writes exactly what the reader takes', () => {
    const line = stepLineOf({ runId: RUN, step: 'backup', status: 'done', message: 'ok', elapsedMs: 1 })
    expect(read(`${line}\n`).lines).toEqual([{ type: 'step', runId: RUN, step: 'backup', status: 'done', message: 'ok', elapsedMs: 1 }])
  })

  it.each([
    ['not JSON', 'hello\n', 'a line that is not JSON'],
    ['an unknown event type', '{"type":"token","value":"x"}\n', 'not a known event'],
    ['an unknown field (a token could ride along)', step({ token: 'SECRET' }), 'not a known event'],
    ['an unknown step', step({ step: 'rm -rf' }), 'not a known event'],
    ['a run id of another shape', step({ runId: '../../etc' }), 'not a known event'],
    ['a result whose journal is not a journal', `${JSON.stringify({ ...result, journal: { ...journal, format: 3 } })}\n`, 'not a known event'],
    ['a last line cut off', step().trimEnd(), 'a last line without its end']
  ])('refuses %s', (_what, text, why) => {
    const { problem } = read(text)
    expect(problem).toContain(why)
    expect(problem).toMatch(/^The elevated helper's progress could not be read/)
  })

  it('refuses a line longer than the cap, before it ends', () => {
    const reader = new HelperLineReader(() => undefined)
    expect(reader.push('{"type":"step","message":"')).toBeNull()
    expect(reader.push('x'.repeat(HELPER_LINE_MAX))?.message).toContain(`a line longer than ${HELPER_LINE_MAX} bytes`)
  })

  it('refuses a stream over the cap, and stays refused (no line after it is taken)', () => {
    const lines: HelperLine[] = []
    const reader = new HelperLineReader((l) => lines.push(l))
    const one = step()
    let problem = null
    for (let sent = 0; sent <= HELPER_STREAM_MAX && !problem; sent += one.length) problem = reader.push(one)
    expect(problem?.message).toContain(`more than ${HELPER_STREAM_MAX} bytes`)
    const count = lines.length
    expect(reader.push(one)).toBe(problem)
    expect(lines).toHaveLength(count)
  })
})
