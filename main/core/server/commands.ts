import { win32 } from 'node:path'
import type { ServerControl } from '../detect/types'

export type Verb = 'stop' | 'start'

/** The fixed program and arguments for each way a server is controlled (plex-domain.md 2, 1d). */
export function controlCommand(control: ServerControl, verb: Verb): { program: string; args: string[] } | null {
  switch (control.kind) {
    case 'systemd':
      return { program: 'systemctl', args: [verb, control.unit] }
    case 'sysv':
      return { program: 'service', args: [control.service, verb] }
    case 'snap':
      return { program: 'snap', args: [verb, control.snap] }
    case 'docker':
      return { program: 'docker', args: [verb, control.container] }
    case 'synopkg':
      // DSM keeps synopkg outside a login shell's PATH (PlexDBRepair calls it by this path).
      return { program: '/usr/syno/bin/synopkg', args: [verb, control.pkg] }
    case 'qnap-init':
      return { program: control.script, args: [verb] }
    case 'freebsd-rc':
      return { program: 'service', args: [control.service, verb] }
    case 'iocage':
      return { program: 'iocage', args: ['exec', control.jail, 'service', control.service, verb] }
    case 'windows-tray':
      // taskkill without /f asks the tray app to close; start runs the exe from InstallFolder.
      if (verb === 'stop') return { program: 'taskkill', args: ['/im', 'Plex Media Server.exe'] }
      return control.installFolder ? { program: win32.join(control.installFolder, 'Plex Media Server.exe'), args: [] } : null
    case 'windows-service':
      return { program: 'sc', args: [verb, control.service] }
    case 'macos-app':
      return verb === 'stop' ? { program: 'osascript', args: ['-e', 'tell application "Plex Media Server" to quit'] } : { program: 'open', args: ['-a', 'Plex Media Server'] }
    case 'manual':
      return null
  }
}

/** The same step as a terminal command a person can run instead (with sudo where root is needed). */
export function manualCommand(control: ServerControl, verb: Verb): string {
  const cmd = controlCommand(control, verb)
  if (!cmd) return control.kind === 'manual' ? control.hint : ''
  const quoted = [cmd.program, ...cmd.args].map((a) => (/[\s"']/.test(a) ? `"${a.replace(/"/g, '\\"')}"` : a)).join(' ')
  const needsRoot = ['systemd', 'sysv', 'snap', 'synopkg', 'qnap-init', 'freebsd-rc', 'iocage'].includes(control.kind)
  return needsRoot ? `sudo ${quoted}` : quoted
}
