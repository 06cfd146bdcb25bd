import { APP_VERSION } from '../app/index'
import { COMMAND_HELP, COMMON, REMOTE } from './help'

/** roff needs backslashes doubled, and a line that starts with . or ' escaped. */
const roff = (text: string): string => text.replace(/\\/g, '\\e').replace(/-/g, '\\-').replace(/^([.'])/gm, '\\&$1')

const flagList = (flags: Record<string, string>): string[] => Object.entries(flags).flatMap(([flag, what]) => ['.TP', `.B ${roff(flag)}`, roff(what)])

/**
 * The CLI's manual page, generated from the same help text as --help (so the two never drift):
 * installed by the .deb as plex-reclaim-cli(1), the name the CLI has on a desktop install.
 */
export function manPage(name = 'plex-reclaim-cli'): string {
  const lines = [
    `.TH ${name.toUpperCase().replace(/-/g, '\\-')} 1 "" "Plex Reclaim ${APP_VERSION}" "User Commands"`,
    '.SH NAME',
    `${roff(name)} \\- get a locked\\-out Plex Media Server back`,
    '.SH SYNOPSIS',
    ...Object.values(COMMAND_HELP).flatMap((c) => c.usage.map((u) => `.B ${roff(u.replace(/^plex-reclaim\b/, name))}`).flatMap((l) => [l, '.br'])),
    '.SH DESCRIPTION',
    roff('When Plex Web says "You do not have permission to access this server", the server is still signed in with an old plex.tv sign-in. This command takes a verified backup of its settings, stops it, removes only PlexOnlineHome, PlexOnlineMail, PlexOnlineToken and PlexOnlineUsername, starts it and helps claim it again. On a desktop install the same program is the app\'s privileged helper.'),
    '.SH COMMANDS',
    ...Object.entries(COMMAND_HELP).flatMap(([command, c]) => [
      '.SS',
      `.B ${roff(command)}`,
      roff(c.summary),
      ...flagList(c.flags),
      '.PP',
      `Example: ${roff(c.example.replace(/^(sudo )?plex-reclaim\b/, `$1${name}`))}`
    ]),
    '.SH OPTIONS',
    'Every command takes:',
    ...flagList({ ...COMMON, '--version': 'Print the version.' }),
    '.PP',
    'Commands that work on a server also take, to reach it over SSH:',
    ...flagList(REMOTE),
    '.SH EXIT STATUS',
    roff('0 on success (also when there is nothing to remove), 1 when the job failed, 2 for a usage error.'),
    '.SH SEE ALSO',
    roff('The README of Plex Reclaim, and "plex-reclaim help COMMAND".')
  ]
  return `${lines.join('\n')}\n`
}
