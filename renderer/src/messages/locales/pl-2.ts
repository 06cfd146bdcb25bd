import type { Messages } from '../en'

/** The end of the Polish catalogue, kept apart so that pl.ts stays under 300 lines; pl.ts spreads it in. */
export const pl2: Pick<Messages, 'restore' | 'servers' | 'error' | 'leave'> = {
  restore: {
    title: 'Przywracanie kopii zapasowej',
    body: 'Kopie zapasowe, od najnowszej. Przywracanie zatrzymuje serwer, zachowuje obecne ustawienia jako nową kopię zapasową, przywraca wybraną kopię i uruchamia serwer.',
    signedInAs: (who: string) => `Konto: ${who}`,
    notSignedIn: 'Serwer niezalogowany',
    taken: (reason: string) => `Utworzona ${reason}`,
    fingerprint: 'Suma kontrolna',
    installTypes: {
      'windows-tray': 'Windows',
      'windows-service-account': 'Windows (usługa)',
      'macos-app': 'macOS',
      'linux-package': 'Linux (pakiet)',
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
      folder: 'Wybrany folder'
    },
    steps: {
      'verify-backup': 'Sprawdzenie wybranej kopii',
      stop: 'Zatrzymanie serwera',
      'verify-stopped': 'Potwierdzenie zatrzymania',
      backup: 'Zachowanie obecnych ustawień jako kopii zapasowej',
      restore: 'Przywrócenie wybranej kopii',
      'verify-store': 'Sprawdzenie zgodności ustawień z kopią',
      start: 'Uruchomienie serwera',
      'verify-started': 'Sprawdzenie, czy serwer odpowiada'
    },
    failed: 'Przywracanie nie zostało ukończone.',
    none: 'Nie ma jeszcze kopii zapasowych.',
    when: 'Utworzona',
    server: 'Ustawienia',
    account: 'Konto',
    keys: 'Dane logowania',
    noKeys: 'brak',
    reason: { reset: 'przed resetem', 'pre-restore': 'przed przywróceniem', manual: 'ręcznie' },
    choose: 'Przywróć tę kopię',
    confirmTitle: 'Przywrócić tę kopię zapasową?',
    confirm: (when: string, who: string | null) =>
      `Serwer zostanie zatrzymany, jego obecne ustawienia zostaną zachowane jako nowa kopia zapasowa, a kopia z ${when} zostanie przywrócona. ${
        who ? `Serwer będzie znowu zalogowany jako ${who}, tak jak wtedy.` : 'Serwer nie będzie zalogowany na żadne konto, tak jak wtedy.'
      }`,
    confirmYes: 'Przywróć',
    cancel: 'Anuluj',
    working: 'Przywracanie…',
    restored: (when: string) => `Kopia zapasowa z ${when} została przywrócona, a serwer działa.`,
    back: 'Wstecz'
  },
  servers: {
    types: {
      'windows-tray': 'Plex Media Server (Windows)',
      'linux-package': 'Plex Media Server (pakiet dla Linuksa)',
      'linux-sysv': 'Plex Media Server (pakiet dla Linuksa, init SysV)',
      arch: 'Plex Media Server (Arch Linux / NixOS)',
      nixos: 'Plex Media Server (NixOS)',
      snap: 'Plex Media Server (Snap)',
      'home-assistant': 'Plex Media Server (dodatek Home Assistant)',
      'synology-dsm7': 'Plex Media Server (Synology DSM 7)',
      'synology-dsm7-legacy': 'Plex Media Server (Synology DSM 7, starszy pakiet)',
      'synology-dsm6': 'Plex Media Server (Synology DSM 6)',
      qnap: 'Plex Media Server (QNAP)',
      asustor: 'Plex Media Server (ASUSTOR)',
      readynas: 'Plex Media Server (Netgear ReadyNAS)',
      'western-digital': 'Plex Media Server (Western Digital My Cloud)',
      freebsd: 'Plex Media Server (FreeBSD)'
    },
    freenasPlugin: 'Plex Media Server (wtyczka FreeNAS)',
    docker: (image: string, container: string) => `Plex Media Server (Docker ${image}, kontener ${container})`,
    macos: (user: string) => `Plex Media Server (macOS, użytkownik ${user})`,
    windowsService: (service: string, account: string) => `Plex Media Server (usługa Windows ${service}, konto ${account})`,
    windowsUser: (sid: string) => `Plex Media Server (użytkownik Windows ${sid})`,
    truenasJail: (jail: string) => `Plex Media Server (jail TrueNAS ${jail})`,
    folder: {
      'data-folder': 'Ustawienia Plex Media Server w folderze danych Plex',
      binhex: 'Ustawienia Plex Media Server w folderze /config lub Application Support w stylu binhex',
      'config-volume': 'Ustawienia Plex Media Server w woluminie /config z plexinc lub linuxserver',
      'library-folder': 'Ustawienia Plex Media Server w folderze Library na QNAP lub ASUSTOR'
    },
    settingsIn: (folder: string) => `Ustawienia Plex Media Server w ${folder}`
  },
  error: { copy: 'Kopiuj szczegóły', copied: 'Skopiowano szczegóły', todo: 'Co zrobić:' },
  leave: 'Trwa operacja. Po wyjściu jej postęp nie będzie widoczny.'
}
