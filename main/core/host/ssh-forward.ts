import { createServer, type AddressInfo, type Server } from 'node:net'
import type { Client as SshClient } from 'ssh2'

/**
 * A local port that leads to the server's own 127.0.0.1:remotePort, so its local API is reached
 * (and a claim made) from localhost, as Plex requires (plex-domain.md 3c).
 */
export async function forwardPort(client: SshClient, remotePort: number): Promise<{ port: number; server: Server }> {
  const server = createServer((socket) => {
    socket.setNoDelay(true)
    client.forwardOut('127.0.0.1', 0, '127.0.0.1', remotePort, (error, channel) => {
      if (error) return socket.destroy()
      socket.pipe(channel).pipe(socket)
      socket.on('error', () => channel.close())
      channel.on('error', () => socket.destroy())
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  return { port: (server.address() as AddressInfo).port, server }
}
