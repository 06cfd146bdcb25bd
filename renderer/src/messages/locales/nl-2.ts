import type { Messages } from '../en'

/** The end of the Dutch catalogue, kept apart so that nl.ts stays under 300 lines; nl.ts spreads it in. */
export const nl2: Pick<Messages, 'restore' | 'servers' | 'error' | 'leave'> = {
  restore: {
    title: 'Een back-up terugzetten',
    body: 'Back-ups, nieuwste eerst. Bij het terugzetten wordt de server gestopt, worden de huidige instellingen als nieuwe back-up bewaard, wordt de gekozen back-up teruggezet en wordt de server weer gestart.',
    signedInAs: (who: string) => `Ingelogd als ${who}`,
    notSignedIn: 'Niet ingelogd',
    taken: (reason: string) => `Gemaakt ${reason}`,
    fingerprint: 'Controlesom',
    installTypes: {
      'windows-tray': 'Windows',
      'windows-service-account': 'Windows (dienst)',
      'macos-app': 'macOS',
      'linux-package': 'Linux-pakket',
      'linux-sysv': 'Linux',
      arch: 'Arch Linux',
      snap: 'Snap',
      'docker-plexinc': 'Docker',
      'docker-linuxserver': 'Docker (linuxserver)',
      'docker-hotio': 'Docker (hotio)',
      'docker-binhex': 'Docker (binhex)',
      'docker-folder': 'Docker',
      'home-assistant': 'Home Assistant',
      'synology-dsm7': 'Synology',
      'synology-dsm7-legacy': 'Synology',
      'synology-dsm6': 'Synology',
      qnap: 'QNAP',
      asustor: 'ASUSTOR',
      readynas: 'ReadyNAS',
      'western-digital': 'WD NAS',
      freebsd: 'FreeBSD',
      'truenas-jail': 'TrueNAS',
      folder: 'Een gekozen map'
    },
    steps: {
      'verify-backup': 'Gekozen back-up controleren',
      stop: 'Server stoppen',
      'verify-stopped': 'Controleren of hij gestopt is',
      backup: 'Huidige instellingen als back-up bewaren',
      restore: 'Gekozen back-up terugzetten',
      'verify-store': 'Controleren of de instellingen overeenkomen met de back-up',
      start: 'Server starten',
      'verify-started': 'Controleren of de server reageert'
    },
    failed: 'Het terugzetten is niet afgerond.',
    none: 'Er zijn nog geen back-ups.',
    when: 'Gemaakt',
    server: 'Instellingen',
    account: 'Account',
    keys: 'Inloggegevens',
    noKeys: 'geen',
    reason: { reset: 'vóór een reset', 'pre-restore': 'vóór het terugzetten van een back-up', manual: 'handmatig' },
    choose: 'Deze back-up terugzetten',
    confirmTitle: 'Deze back-up terugzetten?',
    confirm: (when: string, who: string | null) =>
      `De server wordt gestopt, de huidige instellingen worden als nieuwe back-up bewaard en de back-up van ${when} wordt teruggezet. ${
        who ? `De server is dan weer ingelogd als ${who}, zoals toen.` : 'De server is dan met geen enkel account ingelogd, zoals toen.'
      }`,
    confirmYes: 'Terugzetten',
    cancel: 'Annuleren',
    working: 'Terugzetten…',
    restored: (when: string) => `De back-up van ${when} is teruggezet en de server draait.`,
    back: 'Terug'
  },
  servers: {
    types: {
      'windows-tray': 'Plex Media Server (Windows)',
      'linux-package': 'Plex Media Server (Linux-pakket)',
      'linux-sysv': 'Plex Media Server (Linux-pakket, SysV-init)',
      arch: 'Plex Media Server (Arch Linux / NixOS)',
      nixos: 'Plex Media Server (NixOS)',
      snap: 'Plex Media Server (Snap)',
      'home-assistant': 'Plex Media Server (Home Assistant-add-on)',
      'synology-dsm7': 'Plex Media Server (Synology DSM 7)',
      'synology-dsm7-legacy': 'Plex Media Server (Synology DSM 7, ouder pakket)',
      'synology-dsm6': 'Plex Media Server (Synology DSM 6)',
      qnap: 'Plex Media Server (QNAP)',
      asustor: 'Plex Media Server (ASUSTOR)',
      readynas: 'Plex Media Server (Netgear ReadyNAS)',
      'western-digital': 'Plex Media Server (Western Digital My Cloud)',
      freebsd: 'Plex Media Server (FreeBSD)'
    },
    freenasPlugin: 'Plex Media Server (FreeNAS-plug-in)',
    docker: (image: string, container: string) => `Plex Media Server (Docker ${image}, container ${container})`,
    macos: (user: string) => `Plex Media Server (macOS, gebruiker ${user})`,
    windowsService: (service: string, account: string) => `Plex Media Server (Windows-service ${service}, account ${account})`,
    windowsUser: (sid: string) => `Plex Media Server (Windows-gebruiker ${sid})`,
    truenasJail: (jail: string) => `Plex Media Server (TrueNAS-jail ${jail})`,
    folder: {
      'data-folder': 'Instellingen van Plex Media Server in een Plex-gegevensmap',
      binhex: 'Instellingen van Plex Media Server in een /config- of Application Support-map in binhex-stijl',
      'config-volume': 'Instellingen van Plex Media Server in een /config-volume van plexinc of linuxserver',
      'library-folder': 'Instellingen van Plex Media Server in een Library-map van QNAP of ASUSTOR'
    },
    settingsIn: (folder: string) => `Instellingen van Plex Media Server in ${folder}`
  },
  error: {
    copy: 'Details kopiëren',
    copied: 'Details gekopieerd',
    todo: 'Wat je kunt doen:'
  },
  leave: 'Er loopt nog een actie. Als je nu weggaat, zie je de voortgang niet meer.'
}
