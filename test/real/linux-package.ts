import { chmodSync, chownSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { bootContainer, CLI_IN_CONTAINER, REPO_IN_CONTAINER, type Container, type ExecOptions } from './nspawn'
import type { Ran } from './processes'
import { until } from './processes'

export const SUPPORT_DIR = '/var/lib/plexmediaserver/Library/Application Support'
export const DATA_DIR = `${SUPPORT_DIR}/Plex Media Server`
export const PREFERENCES = `${DATA_DIR}/Preferences.xml`
export const PLEX_TV_PORT = 32401
export const PLEX_TV_URL = `http://127.0.0.1:${PLEX_TV_PORT}`
/** The stand-in plex.tv's signed-in user (main/simulator/plex-tv.ts DEFAULT_ACCOUNT). */
const USER_TOKEN = 'STANDINuserTokenAbc123'

/**
 * Plex's .deb as it lays itself out (plex-domain.md 1b, 2): /usr/lib/plexmediaserver, the unit
 * plexmediaserver.service running as plex:plex with PLEX_MEDIA_SERVER_APPLICATION_SUPPORT_DIR set,
 * the data folder owned plex:plex and Preferences.xml 0600. The unit runs the server simulator in
 * place of "Plex Media Server"; SIM_OPTIONS in a drop-in tunes it per test.
 */
const UNIT = `[Unit]
Description=Plex Media Server
After=network.target network-online.target
# The tests start it far more often than anyone would; systemd's start rate limit would refuse them.
StartLimitIntervalSec=0

[Service]
Environment="PLEX_MEDIA_SERVER_APPLICATION_SUPPORT_DIR=${SUPPORT_DIR}"
Environment=PLEX_MEDIA_SERVER_HOME=/usr/lib/plexmediaserver
Environment=SIM_OPTIONS=
ExecStart=/usr/bin/node ${REPO_IN_CONTAINER}/out/node/pms-simulator.js --plex-tv ${PLEX_TV_URL} --start-delay-ms 300 --stop-delay-ms 300 $SIM_OPTIONS
Type=simple
User=plex
Group=plex
Restart=on-failure
RestartSec=5
SyslogIdentifier=Plex Media Server

[Install]
WantedBy=multi-user.target
`

const PLEX_TV_UNIT = `[Unit]
Description=plex.tv stand-in (tests only)

[Service]
ExecStart=/usr/bin/node ${REPO_IN_CONTAINER}/out/node/plex-tv-simulator.js --port ${PLEX_TV_PORT}

[Install]
WantedBy=multi-user.target
`

export interface PackagedServer extends Container {
  /** The built CLI inside the container, as root unless `user` is given. */
  cli(args: readonly string[], options?: ExecOptions): Promise<Ran>
  systemctl(...args: string[]): Promise<Ran>
  /** GET on the server's local API from inside: status and body. */
  http(path: string, method?: 'GET' | 'POST'): Promise<{ status: number; body: string }>
  waitForIdentity(): Promise<string>
  /** A claim token from the plex.tv stand-in, for its signed-in user. */
  claimToken(): Promise<string>
  readPreferences(): Buffer
  writePreferences(content: string | Buffer): void
}

export function idsOf(root: string, name: string): { uid: number; gid: number } {
  const line = readFileSync(join(root, 'etc/passwd'), 'utf8').split('\n').find((l) => l.startsWith(`${name}:`))
  if (!line) throw new Error(`no user ${name} in the root filesystem`)
  const [, , uid, gid] = line.split(':')
  return { uid: Number(uid), gid: Number(gid) }
}

export async function packagedServer(options: { preferences: string; simOptions?: string; provision?: (root: string) => void }): Promise<PackagedServer> {
  let plex = { uid: 0, gid: 0 }
  const container = await bootContainer((root) => {
    plex = idsOf(root, 'plex')
    mkdirSync(join(root, 'usr/lib/plexmediaserver'), { recursive: true })
    writeFileSync(join(root, 'lib/systemd/system/plexmediaserver.service'), UNIT)
    writeFileSync(join(root, 'etc/systemd/system/plex-tv-standin.service'), PLEX_TV_UNIT)
    const wants = join(root, 'etc/systemd/system/multi-user.target.wants')
    mkdirSync(wants, { recursive: true })
    symlinkSync('/lib/systemd/system/plexmediaserver.service', join(wants, 'plexmediaserver.service'))
    symlinkSync('/etc/systemd/system/plex-tv-standin.service', join(wants, 'plex-tv-standin.service'))
    if (options.simOptions) {
      mkdirSync(join(root, 'etc/systemd/system/plexmediaserver.service.d'), { recursive: true })
      writeFileSync(join(root, 'etc/systemd/system/plexmediaserver.service.d/test.conf'), `[Service]\nEnvironment="SIM_OPTIONS=${options.simOptions}"\n`)
    }
    for (const part of ['', '/Library', '/Library/Application Support', '/Library/Application Support/Plex Media Server']) {
      const dir = `/var/lib/plexmediaserver${part}`
      mkdirSync(join(root, dir), { recursive: true })
      chownSync(join(root, dir), plex.uid, plex.gid)
    }
    const prefs = join(root, PREFERENCES)
    writeFileSync(prefs, options.preferences)
    chownSync(prefs, plex.uid, plex.gid)
    chmodSync(prefs, 0o600)
    options.provision?.(root)
  })
  const { root } = container
  const http = async (path: string, method: 'GET' | 'POST' = 'GET') => {
    const r = await container.exec(['curl', '-s', '-X', method, '-w', '\n%{http_code}', `http://127.0.0.1:32400${path}`])
    const lines = r.stdout.split('\n')
    return { status: Number(lines.pop()), body: lines.join('\n') }
  }
  const server: PackagedServer = {
    ...container,
    cli: (args, execOptions = {}) => container.exec(['node', CLI_IN_CONTAINER, ...args], { ...execOptions, env: { PLEX_RECLAIM_PLEXTV_URL: PLEX_TV_URL, ...execOptions.env } }),
    systemctl: (...args) => container.exec(['systemctl', ...args]),
    http,
    waitForIdentity: async () => {
      try {
        return await until('GET /identity inside the container', async () => {
          const r = await http('/identity')
          return r.status === 200 ? r.body : undefined
        }, 30_000, 100)
      } catch (error) {
        const journal = await container.exec(['journalctl', '--no-pager', '-n', '30', '-u', 'plexmediaserver'])
        throw new Error(`${(error as Error).message}; the unit's journal:\n${journal.stdout}`, { cause: error })
      }
    },
    claimToken: async () => {
      const r = await container.exec(['curl', '-s', '-H', `X-Plex-Token: ${USER_TOKEN}`, `${PLEX_TV_URL}/api/claim/token.json`])
      return (JSON.parse(r.stdout) as { token: string }).token
    },
    readPreferences: () => readFileSync(join(root, PREFERENCES)),
    writePreferences: (content) => {
      writeFileSync(join(root, PREFERENCES), content)
    }
  }
  return server
}
