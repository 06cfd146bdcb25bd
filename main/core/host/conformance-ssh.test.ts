import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { afterAll, beforeAll } from 'vitest'
// @ts-expect-error: a plain .mjs helper shared with the Playwright specs
import { startSshd } from '../../../scripts/test-sshd.mjs'
import { tempDir } from '../../../test/support/temp'
import { hostConformance } from './conformance'
import { LocalHost } from './local'
import { KnownHosts, SshHost } from './ssh'

interface Sshd {
  port: number
  key: string
  fingerprint: string
  users: { nopasswd: string; password: string; notInSudoers: string; noSudo: string }
  stop(): void
}

// The real OpenSSH server on loopback (.ci/run installs it); with real users, so one login is not root.
let sshd: Sshd
beforeAll(async () => {
  sshd = (await startSshd({ PATH: '/usr/bin:/bin' }, { users: true })) as Sshd
}, 60_000)
afterAll(() => sshd?.stop())

const login = (user: () => string) => async () => {
  const host = await SshHost.connect({ user: user(), host: '127.0.0.1', port: sshd.port }, { privateKey: readFileSync(sshd.key) }, new KnownHosts(new LocalHost(), join(tempDir(), 'known.json')), sshd.fingerprint)
  return { host, dispose: () => host.close() }
}

hostConformance('SshHost as root', login(() => 'root'), { unprivileged: false })
hostConformance('SshHost as a user without sudo', login(() => sshd.users.notInSudoers), { unprivileged: true })
