import { createServer, type AddressInfo, type Server } from 'node:net'
import type { Client as SshClient } from 'ssh2'

/** What a forward to the server's own 127.0.0.1 has shown: the SSH server may refuse forwarding altogether. */
export interface ForwardRecord {
  readonly remotePort: number
  /** The SSH server said forwarding is administratively prohibited (sshd's AllowTcpForwarding no). */
  prohibited: boolean
  /** The probe started with the forward, beside the session's first commands (no exchange of its own on the way). */
  first: Promise<'works' | 'prohibited' | 'no-listener'>
  /** How the API is reached once forwarding is refused: the server's own curl, or not at all. */
  route?: 'curl' | 'none'
  /** Opens one channel to the port and closes it: 'no-listener' means forwarding works but nothing answers yet. */
  probe(): Promise<'works' | 'prohibited' | 'no-listener'>
}

// RFC 4254 5.1: SSH_OPEN_ADMINISTRATIVELY_PROHIBITED.
const PROHIBITED = 1
const isProhibited = (error: Error & { reason?: unknown }): boolean => error.reason === PROHIBITED || /administratively prohibited/i.test(error.message)

/** The forwards of each SSH session by local port, so the API seen at that port knows what lies behind it. */
const records = new WeakMap<object, Map<number, ForwardRecord>>()
export const forwardOf = (host: object, localPort: number): ForwardRecord | undefined => records.get(host)?.get(localPort)

/**
 * A local port that leads to the server's own 127.0.0.1:remotePort, so its local API is reached
 * (and a claim made) from localhost, as Plex requires (plex-domain.md 3c). A refused forward is
 * recorded (never silent): the API then goes through the server's own curl (server/api.ts).
 */
export async function forwardPort(client: SshClient, remotePort: number, owner?: object): Promise<{ port: number; server: Server }> {
  const record: ForwardRecord = {
    remotePort,
    prohibited: false,
    first: Promise.resolve('works'),
    probe: () =>
      new Promise((resolve) => {
        client.forwardOut('127.0.0.1', 0, '127.0.0.1', remotePort, (error, channel) => {
          if (!error) {
            channel.close()
            return resolve('works')
          }
          if (isProhibited(error)) record.prohibited = true
          resolve(record.prohibited ? 'prohibited' : 'no-listener')
        })
      })
  }
  const server = createServer((socket) => {
    socket.setNoDelay(true)
    client.forwardOut('127.0.0.1', 0, '127.0.0.1', remotePort, (error, channel) => {
      if (error) {
        if (isProhibited(error)) record.prohibited = true
        return socket.destroy()
      }
      socket.pipe(channel).pipe(socket)
      socket.on('error', () => channel.close())
      channel.on('error', () => socket.destroy())
    })
  })
  // Asked at once, in parallel with whatever the session does next, so the preflight has the answer for free.
  record.first = record.probe()
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const port = (server.address() as AddressInfo).port
  if (owner) {
    if (!records.has(owner)) records.set(owner, new Map())
    records.get(owner)!.set(port, record)
  }
  return { port, server }
}
