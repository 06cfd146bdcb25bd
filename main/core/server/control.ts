import type { Installation, ServerControl } from '../detect/types'
import type { Host } from '../host/types'
import { CoreError } from '../result'
import { pidFileNamesLiveProcess } from './server-running'
import { controlCommand, manualCommand, type Verb } from './commands'
import { runWithPolkit, runWithUac } from './elevation'
import { apiFor } from './api'
import { forwardOf } from '../host/ssh-forward'
import { appleEventsRefused, macosControlCommand, runPlain, stopWithoutAppleEvents } from './macos-control'
import { plexProcessRunning } from './process-gone'
import { probeOf, probeServer, type Identity, type Probe } from './identity'
import { containerStopTimeout } from '../detect/containers'

export const DEFAULT_PORT = 32400

/** The server a control step acts on: how it is controlled, where its pid file is, its port. */
export interface ServerTarget {
  readonly control: ServerControl
  readonly pidFile: string | null
  readonly port: number
}

export const targetOf = (installation: Installation, port = DEFAULT_PORT): ServerTarget => ({ control: installation.control, pidFile: installation.pidFile, port })

export interface Observation {
  /** A live process, from the pid file (or Docker's view of the container). */
  readonly processAlive: boolean
  /** GET /identity answered (its identity, or the startup-maintenance page). */
  readonly answers: boolean
  /** Up, but running its startup maintenance: it answers 503 until that ends. */
  readonly maintenance: boolean
  readonly identity: Identity | null
}

export const isStopped = (o: Observation): boolean => !o.processAlive && !o.answers
export const isRunning = (o: Observation): boolean => o.answers && !o.maintenance

export const describeObservation = (o: Observation): string =>
  o.maintenance
    ? 'running its startup maintenance (the local API answers 503 until it ends)'
    : o.answers
      ? 'running (the local API answers)'
      : o.processAlive
        ? 'its process is still alive, but the local API does not answer'
        : 'stopped'

/** How long a start waits for a server in startup maintenance (binhex's claim script waits 5 minutes). */
export const MAINTENANCE_WAIT_MS = 5 * 60 * 1000

async function processAlive(host: Host, target: ServerTarget): Promise<boolean> {
  if (target.control.kind === 'docker') {
    // A pid file inside a container names a pid of the container's namespace, not ours.
    const r = await host.exec('docker', ['inspect', '--format', '{{.State.Running}}', target.control.container], { timeoutMs: 5000 })
    return r.exitCode === 0 && r.stdout.trim() === 'true'
  }
  // Windows and macOS have no pid file: the process itself, by name (issue 15, item 5).
  const byName = await plexProcessRunning(host, target.control)
  if (byName !== null) return byName
  return (await pidFileNamesLiveProcess(host, target.pidFile)) !== null
}

const observation = (alive: boolean, probe: Probe): Observation => ({ processAlive: alive, answers: probe.kind !== 'silent', maintenance: probe.kind === 'maintenance', identity: probe.kind === 'identity' ? probe.identity : null })

/** The state now: over SSH one look by the server itself (one exchange), else pid file and port from here. */
export async function observe(host: Host, target: ServerTarget): Promise<Observation> {
  const look = await observeOnServer(host, target, 'stop', 0)
  if (look) return look
  const [alive, probe] = await Promise.all([processAlive(host, target), probeServer(apiFor(host, target), 1000)])
  return observation(alive, probe)
}

// Servers whose process is told by a pid file and whose API is on the host's own 127.0.0.1.
const WAITS_ON_SERVER = new Set<ServerControl['kind']>(['systemd', 'sysv', 'snap', 'synopkg', 'qnap-init', 'freebsd-rc', 'manual'])

/**
 * The server waits for itself where it can (SSH with its curl: one exchange for the whole wait,
 * issue 27); null where it cannot, and the state is polled from here.
 */
export async function observeOnServer(host: Host, target: ServerTarget, verb: Verb, remainingMs: number): Promise<Observation | null> {
  // Over SSH the target's port is this end of the forward: the server's own port is behind it.
  const port = forwardOf(host, target.port)?.remotePort
  if (!host.waitOnServer || !WAITS_ON_SERVER.has(target.control.kind) || port === undefined) return null
  const seen = await host.waitOnServer({ pidFile: target.pidFile, port, verb, timeoutMs: remainingMs })
  return seen && observation(seen.processAlive, probeOf(seen.answer))
}

export interface WaitProgress {
  readonly verb: Verb
  readonly elapsedMs: number
  readonly observation: Observation
}

export interface ControlOptions {
  readonly timeoutMs?: number
  /** How often the state is looked at: a stopped server is noticed within this (plus a probe). */
  readonly pollMs?: number
  readonly promptTimeoutMs?: number
  readonly onProgress?: (progress: WaitProgress) => void
  /** For the run log: each program run and its exit code. */
  readonly log?: (line: string) => void
}

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms))

/** Polls until the server is in the wanted state or the timeout passes, reporting the last state seen. */
export async function waitFor(host: Host, target: ServerTarget, verb: Verb, options: ControlOptions = {}): Promise<Observation> {
  const started = Date.now()
  let timeoutMs = options.timeoutMs ?? 60_000
  const reached = verb === 'stop' ? isStopped : isRunning
  let onServer = true
  for (;;) {
    const remote: Observation | null = onServer ? await observeOnServer(host, target, verb, Math.max(0, timeoutMs - (Date.now() - started))) : null
    onServer = remote !== null
    const observation = remote ?? (await observe(host, target))
    const elapsedMs = Date.now() - started
    options.onProgress?.({ verb, elapsedMs, observation })
    if (reached(observation)) return observation
    // A server in startup maintenance is up and busy, not failing: a start keeps waiting for it.
    if (verb === 'start' && observation.maintenance) timeoutMs = Math.max(timeoutMs, MAINTENANCE_WAIT_MS)
    if (elapsedMs >= timeoutMs) {
      const seconds = Math.round(timeoutMs / 1000)
      throw verb === 'stop'
        ? new CoreError('STOP_TIMEOUT', `Plex Media Server did not stop within ${seconds} s (last seen: ${describeObservation(observation)}). Nothing was changed. Stop it yourself (${manualCommand(target.control, 'stop')}), then try again.`, { command: manualCommand(target.control, 'stop') })
        : new CoreError('START_TIMEOUT', `Plex Media Server did not start within ${seconds} s (last seen: ${describeObservation(observation)}). Start it yourself (${manualCommand(target.control, 'start')}) and check its log.`, { command: manualCommand(target.control, 'start') })
    }
    // Docker is asked through docker exec: about once a second is enough and cheap for it.
    await sleep(options.pollMs ?? (target.control.kind === 'docker' ? 1000 : 50))
  }
}

const IDEMPOTENT_STOP = new Set<ServerControl['kind']>(['systemd', 'snap', 'docker'])

/** Stops or starts the server and waits until that state is reached. */
export async function controlServer(host: Host, target: ServerTarget, verb: Verb, options: ControlOptions = {}): Promise<Observation> {
  // systemd, snap and docker stop idempotently, and also stop a server that is still starting (no
  // pid file and no port yet), so they are always asked, without a look first; the others, and
  // every start, are looked at first: a running server's start asks nothing (no elevation prompt
  // after a cancelled one, as when a failed run starts the server it had not stopped).
  if (verb === 'start' || !IDEMPOTENT_STOP.has(target.control.kind)) {
    const now = await observe(host, target)
    if (verb === 'stop' ? isStopped(now) : isRunning(now)) return now
  }
  // macOS: as the user who runs the server, never started as root (issue 15 item 9).
  const command = target.control.kind === 'macos-app' ? await macosControlCommand(host, target.control.user, verb) : controlCommand(target.control, verb)
  const instead = manualCommand(target.control, verb)
  if (!command) {
    throw new CoreError('MANUAL_CONTROL', `Plex Reclaim cannot ${verb} this server by itself. ${instead}`)
  }
  if (target.control.kind === 'windows-tray' && verb === 'start') {
    // The tray app is the server: it keeps running, so it is started, not waited for.
    await host.spawnDetached(command.program, command.args).catch(() => {
      throw new CoreError('CONTROL_FAILED', `Plex Media Server could not be started from ${command.program}. Start it from the Start menu.`)
    })
    return waitFor(host, target, verb, options)
  }
  // docker stop waits the container's own StopTimeout before SIGKILL: our wait is at least that.
  const stopTimeoutS = verb === 'stop' && target.control.kind === 'docker' ? await containerStopTimeout(host, target.control.container) : null
  const commandMs = Math.max(options.timeoutMs ?? 60_000, stopTimeoutS !== null ? (stopTimeoutS + 15) * 1000 : 0)
  const timeouts = { commandMs, promptMs: options.promptTimeoutMs ?? 120_000 }
  // macOS has no polkit: its "Not authorized to send Apple events" is no reason for pkexec.
  const elevate = target.control.kind === 'windows-service' ? runWithUac : target.control.kind === 'macos-app' ? runPlain : runWithPolkit
  let result = await elevate(host, command, instead, timeouts)
  options.log?.(`${command.program} ${command.args.join(' ')}: exit ${result.exitCode ?? (result.timedOut ? 'timed out' : 'none')}`)
  if (target.control.kind === 'macos-app' && verb === 'stop' && appleEventsRefused(result)) {
    result = await stopWithoutAppleEvents(host, target.control.user, timeouts.commandMs, options.log)
  }
  if (result.notFound) throw new CoreError('CONTROL_FAILED', `"${command.program}" was not found, so the server could not be ${verb === 'stop' ? 'stopped' : 'started'}. Run this instead: ${instead}`)
  if (result.timedOut && verb === 'stop') {
    throw new CoreError('STOP_TIMEOUT', `Plex Media Server did not stop in time (last seen: ${describeObservation(await observe(host, target))}). Nothing was changed. Stop it yourself (${instead}), then try again.`, { command: instead })
  }
  if (result.exitCode !== 0) {
    const said = (result.stderr || result.stdout).trim().split(/\r?\n/)[0] ?? ''
    throw new CoreError('CONTROL_FAILED', `${command.program} could not ${verb} Plex Media Server: ${said || `exit code ${result.exitCode}`}. Run this instead: ${instead}`)
  }
  // A wrapper (PmsService) would start the server again: with its service stopped first, the
  // server it may leave running is closed too (issue 25 item 3). Its start starts the server.
  if (target.control.kind === 'windows-service' && target.control.wrapper && verb === 'stop' && (await plexProcessRunning(host, target.control))) {
    const close = { program: 'taskkill', args: ['/im', 'Plex Media Server.exe'] }
    const closed = await runWithUac(host, close, 'taskkill /im "Plex Media Server.exe"', timeouts)
    options.log?.(`taskkill /im Plex Media Server.exe: exit ${closed.exitCode ?? 'none'}`)
  }
  return waitFor(host, target, verb, { ...options, timeoutMs: commandMs })
}
