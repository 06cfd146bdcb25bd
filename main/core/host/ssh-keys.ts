import { promises as fs } from 'node:fs'
import { homedir } from 'node:os'
import { join } from 'node:path'
import { CoreError } from '../result'
import type { SshAuth } from './ssh-connect'

/** A running agent, else the usual key files in the SSH folder: main chooses, never the renderer. */
export async function defaultKeyAuth(dir: string = join(homedir(), '.ssh')): Promise<SshAuth> {
  if (process.env.SSH_AUTH_SOCK) return { agent: process.env.SSH_AUTH_SOCK }
  for (const name of ['id_ed25519', 'id_ecdsa', 'id_rsa']) {
    const key = await fs.readFile(join(dir, name)).catch(() => null)
    if (key) return { privateKey: key }
  }
  throw new CoreError('SSH_NO_KEY', `No SSH key was found in ${dir} and no ssh-agent is running. Use the password instead, or create a key (ssh-keygen) and add it to the server.`)
}
