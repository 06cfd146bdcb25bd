/**
 * Errors worded from their code: what happened and what to do, in plain words. Main's own
 * sentence (and any errno or step id) goes only into "Copy details".
 */
export interface Worded {
  readonly what: string
  readonly todo: string
}

const E = (what: string, todo: string): Worded => ({ what, todo })

export const ERRORS: Record<string, Worded> = {
  STOP_TIMEOUT: E('Plex Media Server did not stop in time.', 'Someone may be streaming, or the server is busy (after an update it can take a few minutes). Wait a minute, then try again. If it keeps happening, stop it yourself and try again.'),
  START_TIMEOUT: E('Plex Media Server did not start again in time.', 'Give it a minute: it may still be starting. If Plex Web does not open, start the server yourself.'),
  ELEVATION_CANCELLED: E('The password prompt was cancelled, so nothing was done.', 'Try again and enter your computer password when asked: it is needed to stop and start the server.'),
  ELEVATION_DENIED: E('Your computer did not allow Plex Reclaim to stop the server.', 'Try again with an administrator account, or stop the server yourself first.'),
  ELEVATION_TIMEOUT: E('The password prompt was not answered in time.', 'Try again and answer the prompt when it appears.'),
  NO_POLKIT_AGENT: E('No password prompt could be shown on this desktop.', 'Stop the server yourself (sudo systemctl stop plexmediaserver), then try again.'),
  ELEVATION_UNAVAILABLE: E('Plex Reclaim cannot ask for the rights to stop the server here.', 'Stop the server yourself, then try again.'),
  CONTROL_FAILED: E('Plex Media Server could not be stopped or started.', 'Stop it yourself, then try again. "Copy details" says what the system answered.'),
  APPLE_EVENTS_DENIED: E('macOS did not let Plex Reclaim ask Plex Media Server to quit.', 'Open System Settings > Privacy & Security > Automation and, under Plex Reclaim, turn on Plex Media Server. Or quit Plex Media Server from its menu bar icon yourself. Then try again: nothing was changed.'),
  MANUAL_CONTROL: E('This server has to be stopped and started by you.', 'Stop Plex Media Server, then try again.'),
  SERVER_RUNNING: E('Plex Media Server is still running.', 'Stop it, then try again.'),
  SERVER_UNREACHABLE: E('Plex Media Server started but does not answer yet.', 'Give it a minute, then open Plex Web. If it still does not answer, check the server\u2019s log.'),
  STILL_CLAIMED: E('The server still says it is signed in after the reset.', 'Check that the right server was chosen. Your backup holds the settings as they were.'),
  STORE_CHANGED: E('The settings changed while Plex Reclaim was working.', 'Try again: the new settings are backed up first.'),
  PERMISSION_DENIED: E('Plex Reclaim may not read or change this server\u2019s settings.', 'Run Plex Reclaim as the user that owns them (often "plex"), or connect with sudo.'),
  DISK_FULL: E('The disk is full.', 'Free some space and try again. Nothing was changed.'),
  READ_ONLY: E('The settings are on a disk that cannot be written.', 'Make it writable (or use the place where it is), then try again.'),
  NOT_FOUND: E('That server or file is no longer there.', 'Go back to "Find your server" and choose it again.'),
  NOT_A_FILE: E('That is a folder, not a settings file.', 'Choose the Preferences.xml file inside it.'),
  EMPTY_FILE: E('That settings file is empty.', 'Choose the Preferences.xml of a working server, or restore a backup.'),
  BINARY_FILE: E('That is not a Plex settings file.', 'Choose the Preferences.xml in the server\u2019s data folder.'),
  MALFORMED_XML: E('That settings file is damaged.', 'Restore a backup, or choose another Preferences.xml.'),
  NOT_PREFERENCES: E('That is not a Plex settings file.', 'Choose the Preferences.xml in the server\u2019s data folder.'),
  NOT_A_SETTINGS_FILE: E('That is not a Plex settings file.', 'Choose the Preferences.xml in the server\u2019s data folder.'),
  BACKUP_FAILED: E('The backup could not be saved, so nothing was changed.', 'Free some space in your home folder and try again.'),
  BACKUP_NOT_FOUND: E('That backup is no longer there.', 'Choose another backup from the list.'),
  BACKUP_CORRUPT: E('That backup does not match its checksum, so it was not used.', 'Choose another backup from the list.'),
  VERIFY_FAILED: E('The change could not be confirmed, so it was undone.', 'Try again. Your backup holds the settings as they were.'),
  RUN_IN_PROGRESS: E('Another run on this server is under way.', 'Wait for it to finish, then try again.'),
  RUN_INTERRUPTED: E('An earlier run on this server did not finish.', 'Go to Welcome and finish it or undo it first.'),
  PREFLIGHT_FAILED: E('A check before the reset failed, so nothing was changed.', '"Copy details" lists the check and how to fix it.'),
  CLOCK_WRONG: E('This computer\u2019s clock is wrong.', 'Set the date and time, then try again.'),
  CLAIM_TOKEN_INVALID: E('That is not a claim code.', 'Copy the whole code from plex.tv/claim: it starts with "claim-".'),
  CLAIM_TOKEN_REJECTED: E('plex.tv did not accept that claim code: it has expired or was already used.', 'Get a new code and use it right away (a code lasts about 4 minutes).'),
  ALREADY_CLAIMED: E('The server is already signed in.', 'Open Plex Web: if you cannot get in, run the reset again.'),
  CLAIM_NOT_CONFIRMED: E('plex.tv did not confirm the claim.', 'Wait a moment and open Plex Web; if the server is not yours, try again.'),
  PLEX_OUTAGE: E('plex.tv is not answering properly right now.', 'Try again in a few minutes.'),
  PLEX_TV_UNREACHABLE: E('plex.tv cannot be reached from here.', 'Check the internet connection, then try again.'),
  PLEX_TV_TLS: E('The connection to plex.tv is not trustworthy.', 'Check the internet connection (a proxy or captive portal may be in the way).'),
  PLEX_TV_UNAUTHORIZED: E('plex.tv did not accept the sign-in.', 'Sign in again.'),
  PIN_EXPIRED: E('The sign-in took too long.', 'Click "Sign in with Plex" again and approve it within a few minutes.'),
  SIGN_IN_CANCELLED: E('The sign-in was cancelled.', 'Click "Sign in with Plex" to start again.'),
  SSH_UNREACHABLE: E('The server cannot be reached over SSH.', 'Check the address and the SSH port, and that SSH is switched on there.'),
  SSH_AUTH_FAILED: E('The server did not accept that user name and key or password.', 'Check the user name, and the password or the key.'),
  HOST_KEY_CHANGED: E('The server\u2019s key has changed since the last connection.', 'This can mean someone is in between. Ask whoever runs the server before you connect.'),
  HOST_KEY_UNKNOWN: E('The server\u2019s key is not known yet.', 'Compare its fingerprint and confirm it.'),
  SUDO_MISSING: E('The server has no sudo.', 'Sign in as root, or as the user that owns the Plex data.'),
  SUDO_REFUSED: E('This user may not use sudo on the server.', 'Sign in as a user who may, or ask the server\u2019s administrator.'),
  SUDO_WRONG_PASSWORD: E('sudo did not accept that password.', 'Type the sudo password again (it is not stored).'),
  TOOL_MISSING: E('A tool Plex Reclaim needs is missing on that machine.', '"Copy details" names it.'),
  UNSUPPORTED_PLATFORM: E('This is not possible on this system.', '"Copy details" says why.'),
  BRIDGE_UNREACHABLE: E('Plex Reclaim is not answering.', 'Start it again and reload this page.'),
  NEEDS_PERMISSION: E('These settings belong to the server\u2019s own account.', 'Continue from Diagnosis: your computer asks for your password once, and the whole reset runs with that permission.'),
  SERVER_CLOCK_WRONG: E('The server\u2019s clock is wrong.', 'Set the date and time on the server, then try again: plex.tv does not accept a server whose clock is wrong.'),
  CLAIM_SERVER_SIGN_IN: E('This server did not take the claim from here: it is signed in through its own sign-in.', 'On the computer that runs Plex Media Server, click its icon (notification area on Windows, menu bar on macOS), choose "Open Plex…" and sign in with your Plex account: the server claims itself for it.')
}

/** Anything not in the catalogue still gets plain words for where it happened. */
export const FALLBACK = E('Something unexpected went wrong. Nothing further was changed.', 'Try again. If it happens again, "Copy details" has what a helper needs.')
