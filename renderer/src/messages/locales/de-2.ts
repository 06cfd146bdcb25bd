import type { Messages } from '../en'

/** The end of the German catalogue, kept apart so that de.ts stays under 300 lines; de.ts spreads it in. */
export const de2: Pick<Messages, 'restore' | 'servers' | 'error' | 'leave'> = {
  restore: {
    title: 'Sicherung wiederherstellen',
    body: 'Sicherungen, die neueste zuerst. Beim Wiederherstellen wird der Server gestoppt, die aktuellen Einstellungen als neue Sicherung behalten, die gewählte zurückgeschrieben und der Server gestartet.',
    signedInAs: (who: string) => `Angemeldet als ${who}`,
    notSignedIn: 'Nicht angemeldet',
    taken: (reason: string) => `Angelegt ${reason}`,
    fingerprint: 'Prüfsumme',
    installTypes: {
      'windows-tray': 'Windows',
      'windows-service-account': 'Windows (Dienst)',
      'macos-app': 'macOS',
      'linux-package': 'Linux-Paket',
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
      'western-digital': 'WD-NAS',
      freebsd: 'FreeBSD',
      'truenas-jail': 'TrueNAS',
      folder: 'Ein gewählter Ordner'
    } as Record<string, string>,
    steps: {
      'verify-backup': 'Gewählte Sicherung prüfen',
      stop: 'Server stoppen',
      'verify-stopped': 'Prüfen, dass er gestoppt ist',
      backup: 'Aktuelle Einstellungen sichern',
      restore: 'Gewählte Sicherung zurückschreiben',
      'verify-store': 'Prüfen, dass die Einstellungen zur Sicherung passen',
      start: 'Server starten',
      'verify-started': 'Prüfen, dass der Server antwortet'
    } as Record<string, string>,
    failed: 'Die Wiederherstellung wurde nicht beendet.',
    none: 'Es gibt noch keine Sicherungen.',
    when: 'Angelegt',
    server: 'Einstellungen',
    account: 'Konto',
    keys: 'Anmeldewerte',
    noKeys: 'keine',
    reason: { reset: 'vor einem Zurücksetzen', 'pre-restore': 'vor einer Wiederherstellung', manual: 'von Hand' } as Record<string, string>,
    choose: 'Diese Sicherung wiederherstellen',
    confirmTitle: 'Diese Sicherung wiederherstellen?',
    confirm: (when: string, who: string | null) =>
      `Der Server wird gestoppt, seine aktuellen Einstellungen als neue Sicherung behalten und die Sicherung vom ${when} zurückgeschrieben. ${
        who ? `Der Server ist danach wieder als ${who} angemeldet, wie damals.` : 'Der Server ist danach mit keinem Konto angemeldet, wie damals.'
      }`,
    confirmYes: 'Wiederherstellen',
    cancel: 'Abbrechen',
    working: 'Wird wiederhergestellt…',
    restored: (when: string) => `Die Sicherung vom ${when} ist zurückgeschrieben und der Server läuft.`,
    back: 'Zurück'
  },
  servers: {
    types: {
      'windows-tray': 'Plex Media Server (Windows)',
      'linux-package': 'Plex Media Server (Linux-Paket)',
      'linux-sysv': 'Plex Media Server (Linux-Paket, SysV-Init)',
      arch: 'Plex Media Server (Arch Linux / NixOS)',
      nixos: 'Plex Media Server (NixOS)',
      snap: 'Plex Media Server (Snap)',
      'home-assistant': 'Plex Media Server (Add-on für Home Assistant)',
      'synology-dsm7': 'Plex Media Server (Synology DSM 7)',
      'synology-dsm7-legacy': 'Plex Media Server (Synology DSM 7, älteres Paket)',
      'synology-dsm6': 'Plex Media Server (Synology DSM 6)',
      qnap: 'Plex Media Server (QNAP)',
      asustor: 'Plex Media Server (ASUSTOR)',
      readynas: 'Plex Media Server (Netgear ReadyNAS)',
      'western-digital': 'Plex Media Server (Western Digital My Cloud)',
      freebsd: 'Plex Media Server (FreeBSD)'
    },
    freenasPlugin: 'Plex Media Server (FreeNAS-Plugin)',
    docker: (image: string, container: string) => `Plex Media Server (Docker ${image}, Container ${container})`,
    macos: (user: string) => `Plex Media Server (macOS, Benutzer ${user})`,
    windowsService: (service: string, account: string) => `Plex Media Server (Windows-Dienst ${service}, Konto ${account})`,
    windowsUser: (sid: string) => `Plex Media Server (Windows-Benutzer ${sid})`,
    truenasJail: (jail: string) => `Plex Media Server (TrueNAS-Jail ${jail})`,
    folder: {
      'data-folder': 'Einstellungen von Plex Media Server in einem Plex-Datenordner',
      binhex: 'Einstellungen von Plex Media Server in einem /config- oder Application-Support-Ordner im binhex-Stil',
      'config-volume': 'Einstellungen von Plex Media Server in einem /config-Volume von plexinc oder linuxserver',
      'library-folder': 'Einstellungen von Plex Media Server in einem Library-Ordner von QNAP oder ASUSTOR'
    },
    settingsIn: (folder: string) => `Einstellungen von Plex Media Server in ${folder}`
  },
  error: {
    copy: 'Details kopieren',
    copied: 'Details kopiert',
    todo: 'Was du tun kannst:'
  },
  leave: 'Ein Vorgang läuft. Wenn du die Seite jetzt verlässt, siehst du seinen Fortschritt nicht mehr.'
}
