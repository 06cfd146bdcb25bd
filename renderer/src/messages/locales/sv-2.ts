import type { Messages } from '../en'

/** The end of the Swedish catalogue, kept apart so that sv.ts stays under 300 lines; sv.ts spreads it in. */
export const sv2: Pick<Messages, 'restore' | 'servers' | 'error' | 'leave'> = {
  restore: {
    title: 'Återställ en säkerhetskopia',
    body: 'Säkerhetskopior, nyaste först. Vid en återställning stoppas servern, de nuvarande inställningarna sparas som en ny säkerhetskopia, den valda läggs tillbaka och servern startas.',
    signedInAs: (who: string) => `Inloggad som ${who}`,
    notSignedIn: 'Inte inloggad',
    taken: (reason: string) => `Tagen ${reason}`,
    fingerprint: 'Kontrollsumma',
    installTypes: {
      'windows-tray': 'Windows',
      'windows-service-account': 'Windows (tjänst)',
      'macos-app': 'macOS',
      'linux-package': 'Linuxpaket',
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
      folder: 'En vald mapp'
    },
    steps: {
      'verify-backup': 'Kontrollera den valda säkerhetskopian',
      stop: 'Stoppa servern',
      'verify-stopped': 'Se till att den har stoppats',
      backup: 'Spara de nuvarande inställningarna som säkerhetskopia',
      restore: 'Lägg tillbaka den valda säkerhetskopian',
      'verify-store': 'Kontrollera att inställningarna stämmer med säkerhetskopian',
      start: 'Starta servern',
      'verify-started': 'Kontrollera att servern svarar'
    },
    failed: 'Återställningen blev inte klar.',
    none: 'Det finns inga säkerhetskopior ännu.',
    when: 'Tagen',
    server: 'Inställningar',
    account: 'Konto',
    keys: 'Inloggningsuppgifter',
    noKeys: 'inga',
    reason: { reset: 'före en nollställning', 'pre-restore': 'före en återställning', manual: 'manuellt' },
    choose: 'Återställ den här säkerhetskopian',
    confirmTitle: 'Återställa den här säkerhetskopian?',
    confirm: (when: string, who: string | null) =>
      `Servern stoppas, de nuvarande inställningarna sparas som en ny säkerhetskopia och säkerhetskopian från ${when} läggs tillbaka. ${
        who ? `Servern blir inloggad som ${who} igen, precis som då.` : 'Servern blir inte inloggad med något konto, precis som då.'
      }`,
    confirmYes: 'Återställ',
    cancel: 'Avbryt',
    working: 'Återställer…',
    restored: (when: string) => `Säkerhetskopian från ${when} är tillbaka och servern körs.`,
    back: 'Tillbaka'
  },
  servers: {
    types: {
      'windows-tray': 'Plex Media Server (Windows)',
      'linux-package': 'Plex Media Server (Linux-paket)',
      'linux-sysv': 'Plex Media Server (Linux-paket, SysV-init)',
      arch: 'Plex Media Server (Arch Linux / NixOS)',
      nixos: 'Plex Media Server (NixOS)',
      snap: 'Plex Media Server (Snap)',
      'home-assistant': 'Plex Media Server (tillägg för Home Assistant)',
      'synology-dsm7': 'Plex Media Server (Synology DSM 7)',
      'synology-dsm7-legacy': 'Plex Media Server (Synology DSM 7, äldre paket)',
      'synology-dsm6': 'Plex Media Server (Synology DSM 6)',
      qnap: 'Plex Media Server (QNAP)',
      asustor: 'Plex Media Server (ASUSTOR)',
      readynas: 'Plex Media Server (Netgear ReadyNAS)',
      'western-digital': 'Plex Media Server (Western Digital My Cloud)',
      freebsd: 'Plex Media Server (FreeBSD)'
    },
    freenasPlugin: 'Plex Media Server (FreeNAS-plugin)',
    docker: (image: string, container: string) => `Plex Media Server (Docker ${image}, container ${container})`,
    macos: (user: string) => `Plex Media Server (macOS, användare ${user})`,
    windowsService: (service: string, account: string) => `Plex Media Server (Windows-tjänst ${service}, konto ${account})`,
    windowsUser: (sid: string) => `Plex Media Server (Windows-användare ${sid})`,
    truenasJail: (jail: string) => `Plex Media Server (TrueNAS-jail ${jail})`,
    folder: {
      'data-folder': 'Inställningar för Plex Media Server i en Plex-datamapp',
      binhex: 'Inställningar för Plex Media Server i en /config- eller Application Support-mapp i binhex-stil',
      'config-volume': 'Inställningar för Plex Media Server i en /config-volym från plexinc eller linuxserver',
      'library-folder': 'Inställningar för Plex Media Server i en Library-mapp på QNAP eller ASUSTOR'
    },
    settingsIn: (folder: string) => `Inställningar för Plex Media Server i ${folder}`
  },
  error: {
    copy: 'Kopiera detaljer',
    copied: 'Detaljerna har kopierats',
    todo: 'Gör så här:'
  },
  leave: 'En körning pågår. Om du lämnar nu döljs förloppet.'
}
