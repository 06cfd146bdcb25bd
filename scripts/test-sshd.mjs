// A real OpenSSH server on 127.0.0.1 for the SSH tests (Debian's openssh-server; .ci/run installs
// it where missing): host key, config and authorized key in a temp folder. The session's PATH and
// stand-in settings come from SetEnv, so the "remote" side finds the stand-ins as a server would.
// With `users`, real system users are created for real sudo (Debian's sudo package): one with
// NOPASSWD, one whose sudo asks for a password, one not in sudoers, and one on whose PATH there is
// no sudo at all; stop() deletes them and their sudoers file again.
// Plain JavaScript, so both Vitest and Playwright specs can use it.
import { execFileSync, spawn } from 'node:child_process'
import { createHash, randomBytes } from 'node:crypto'
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs'
import { connect, createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import ssh2 from 'ssh2'

export const SSHD = '/usr/sbin/sshd'
export const sshdAvailable = () => existsSync(SSHD)
export const sudoAvailable = () => existsSync('/usr/bin/sudo') && process.getuid?.() === 0 && existsSync('/usr/sbin/useradd')

const freePort = () =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const { port } = s.address()
      s.close(() => resolve(port))
    })
  })

/** useradd and friends refuse while another holds /etc/passwd's lock (parallel test files): retry. */
export function withPasswdLock(program, args, options = {}) {
  for (let i = 0; ; i++) {
    try {
      return execFileSync(program, args, { stdio: ['pipe', 'ignore', 'pipe'], ...options })
    } catch (error) {
      if (i >= 20 || !/lock|try again/i.test(String(error.stderr ?? ''))) throw error
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 100)
    }
  }
}

/** Real users for real sudo; names carry a random suffix so parallel runs do not collide. */
function createUsers(dir, path) {
  const tag = randomBytes(3).toString('hex')
  const users = { nopasswd: `prn-${tag}`, password: `prp-${tag}`, notInSudoers: `prx-${tag}`, noSudo: `prs-${tag}` }
  const password = `pw ${tag} with space`
  for (const name of Object.values(users)) {
    // In group users too, so a test can keep a group the owner belongs to besides its own.
    withPasswdLock('useradd', ['-M', '-d', dir, '-s', '/bin/sh', '-G', 'users', name])
    // A password for each: sshd (without PAM) refuses an account whose password is locked ("!").
    withPasswdLock('chpasswd', [], { input: `${name}:${password}\n` })
  }
  // sudo resets PATH to secure_path: give the test users the session's PATH (the stand-ins).
  const sudoers = join('/etc/sudoers.d', `plex-reclaim-test-${tag}`)
  writeFileSync(
    sudoers,
    [
      `Defaults:${users.nopasswd},${users.password} secure_path="${path}"`,
      `Defaults:${users.nopasswd},${users.password} env_keep += "STANDIN_SYSTEMD_DIR"`,
      // sudo's own account of each attempt ("1 incorrect password attempt"), for the tests to read.
      `Defaults:${users.password} logfile="${join(dir, 'sudo.log')}"`,
      `${users.nopasswd} ALL=(ALL:ALL) NOPASSWD: ALL`,
      `${users.password} ALL=(ALL:ALL) ALL`,
      ''
    ].join('\n'),
    { mode: 0o440 }
  )
  execFileSync('visudo', ['-cqf', sudoers])
  // The user without sudo gets a PATH of links to every program in /usr/bin and /bin but sudo.
  const bin = join(dir, 'no-sudo-bin')
  mkdirSync(bin)
  for (const d of ['/usr/bin', '/bin']) {
    for (const name of readdirSync(d)) {
      if (name === 'sudo' || existsSync(join(bin, name))) continue
      symlinkSync(join(d, name), join(bin, name))
    }
  }
  const remove = () => {
    rmSync(sudoers, { force: true })
    for (const name of Object.values(users)) {
      try {
        withPasswdLock('userdel', [name])
      } catch {
        // already gone
      }
    }
  }
  return { users, password, noSudoPath: `${bin}`, log: join(dir, 'sudo.log'), remove }
}

/**
 * @param {Record<string, string>} env SetEnv for every session
 * @param {{ users?: boolean, maxSessions?: number, sftp?: boolean }} [options]
 */
export async function startSshd(env, options = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'sshd-'))
  // Test users read the authorized keys (sshd reads them as the user).
  chmodSync(dir, 0o755)
  const port = await freePort()
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'host_key')])
  execFileSync('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-f', join(dir, 'client_key')])
  writeFileSync(join(dir, 'authorized_keys'), readFileSync(join(dir, 'client_key.pub')), { mode: 0o644 })
  mkdirSync('/run/sshd', { recursive: true, mode: 0o755 })
  const accounts = options.users ? createUsers(dir, env.PATH ?? '/usr/bin:/bin') : null
  const setEnv = (e) => Object.entries(e).map(([k, v]) => `${k}=${v}`).join(' ')
  writeFileSync(
    join(dir, 'sshd_config'),
    [
      `Port ${port}`,
      'ListenAddress 127.0.0.1',
      `HostKey ${join(dir, 'host_key')}`,
      `PidFile ${join(dir, 'sshd.pid')}`,
      `AuthorizedKeysFile ${join(dir, 'authorized_keys')}`,
      'PermitRootLogin yes',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      'StrictModes no',
      // options.forwarding === false: a hardened host (AllowTcpForwarding no refuses every channel).
      `AllowTcpForwarding ${options.forwarding === false ? 'no' : 'yes'}`,
      ...(options.maxSessions ? [`MaxSessions ${options.maxSessions}`] : []),
      ...(options.sftp === false ? [] : ['Subsystem sftp internal-sftp']),
      `SetEnv ${setEnv(env)}`,
      ...(accounts ? [`Match User ${accounts.users.noSudo}`, `  SetEnv ${setEnv({ ...env, PATH: accounts.noSudoPath })}`] : []),
      ''
    ].join('\n')
  )
  const child = spawn(SSHD, ['-D', '-e', '-f', join(dir, 'sshd_config')], { stdio: 'ignore' })
  for (let i = 0; i < 100; i++) {
    const ready = await new Promise((resolve) => {
      const s = connect(port, '127.0.0.1')
      s.once('connect', () => {
        s.end()
        resolve(true)
      })
      s.once('error', () => resolve(false))
    })
    if (ready) break
    await new Promise((r) => setTimeout(r, 50))
  }
  const blob = readFileSync(join(dir, 'host_key.pub'), 'utf8').split(' ')[1]
  const fingerprint = `SHA256:${createHash('sha256').update(Buffer.from(blob, 'base64')).digest('base64').replace(/=+$/, '')}`
  const stop = () => {
    child.kill()
    accounts?.remove()
    rmSync(dir, { recursive: true, force: true })
  }
  return { port, key: join(dir, 'client_key'), fingerprint, users: accounts?.users, sudoPassword: accounts?.password, sudoLog: accounts?.log, stop }
}

/**
 * A TCP relay in front of sshd. With delayMs, every chunk waits that long in each direction (a
 * link with a round trip of 2 x delayMs). Without it, it counts round trips as causal depth: a
 * chunk from the client carries the depth of the last server chunk it had received; a server
 * chunk is one deeper than the last client chunk the server had received.
 * @returns {Promise<{ port: number, roundTrips(): number, reset(): void, close(): void }>}
 */
export async function startRelay(targetPort, { delayMs = 0 } = {}) {
  let depth = 0
  const sockets = new Set()
  const server = createServer((client) => {
    client.setNoDelay(true)
    const upstream = connect(targetPort, '127.0.0.1')
    upstream.setNoDelay(true)
    sockets.add(client).add(upstream)
    let seenByClient = 0
    let seenByServer = 0
    const forward = (from, to, toServer) =>
      from.on('data', (chunk) => {
        const send = () => {
          if (toServer) seenByServer = Math.max(seenByServer, seenByClient)
          else {
            seenByClient = Math.max(seenByClient, seenByServer + 1)
            depth = Math.max(depth, seenByClient)
          }
          if (!to.destroyed) to.write(chunk)
        }
        if (delayMs) setTimeout(send, delayMs)
        else send()
      })
    forward(client, upstream, true)
    forward(upstream, client, false)
    const end = () => {
      client.destroy()
      upstream.destroy()
    }
    client.on('error', end).on('close', () => (delayMs ? setTimeout(end, delayMs) : end()))
    upstream.on('error', end).on('close', () => (delayMs ? setTimeout(end, delayMs) : end()))
  })
  await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve))
  return {
    port: server.address().port,
    roundTrips: () => depth,
    reset: () => void (depth = 0),
    close: () => {
      for (const s of sockets) s.destroy()
      server.close()
    }
  }
}

/**
 * The depth of a login that runs no command (connect, authenticate, disconnect) through a relay:
 * the one cost no tool avoids, subtracted from each count. The smallest of two.
 * @param {{ port: number, roundTrips(): number, reset(): void }} relay
 * @param {string} key the client's private key file
 */
export async function bareLoginDepth(relay, key) {
  let bare = Infinity
  for (let attempt = 0; attempt < 2; attempt++) {
    relay.reset()
    const c = new ssh2.Client()
    await new Promise((resolve, reject) => {
      c.on('connect', () => c._sock.setNoDelay(true))
      c.on('ready', () => c.end()).on('close', () => resolve()).on('error', reject)
      c.connect({ host: '127.0.0.1', port: relay.port, username: 'root', privateKey: readFileSync(key) })
    })
    await new Promise((r) => setTimeout(r, 200)) // its logout seen by the relay before the next reset
    bare = Math.min(bare, relay.roundTrips())
  }
  return bare
}
