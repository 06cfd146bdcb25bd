import type { Messages } from '../en'

/** The end of the Italian catalogue, kept apart so that it.ts stays under 300 lines; it.ts spreads it in. */
export const it2: Pick<Messages, 'restore' | 'servers' | 'error' | 'leave'> = {
  restore: {
    title: 'Ripristina un backup',
    body: 'I backup, dal più recente al meno recente. Il ripristino ferma il server, conserva le impostazioni attuali in un nuovo backup, rimette quello scelto e avvia il server.',
    signedInAs: (who: string) => `Collegato all’account ${who}`,
    notSignedIn: 'Nessun account collegato',
    taken: (reason: string) => `Fatto ${reason}`,
    fingerprint: 'Somma di controllo',
    installTypes: {
      'windows-tray': 'Windows',
      'windows-service-account': 'Windows (servizio)',
      'macos-app': 'macOS',
      'linux-package': 'Pacchetto Linux',
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
      'western-digital': 'NAS WD',
      freebsd: 'FreeBSD',
      'truenas-jail': 'TrueNAS',
      folder: 'Una cartella scelta'
    },
    steps: {
      'verify-backup': 'Controlla il backup scelto',
      stop: 'Ferma il server',
      'verify-stopped': 'Controlla che si sia fermato',
      backup: 'Conserva le impostazioni attuali in un backup',
      restore: 'Rimetti il backup scelto',
      'verify-store': 'Controlla che le impostazioni corrispondano al backup',
      start: 'Avvia il server',
      'verify-started': 'Controlla che il server risponda'
    },
    failed: 'Il ripristino non è stato completato.',
    none: 'Non ci sono ancora backup.',
    when: 'Fatto il',
    server: 'Impostazioni',
    account: 'Account',
    keys: 'Dati di accesso',
    noKeys: 'nessuno',
    reason: { reset: 'prima di una reimpostazione', 'pre-restore': 'prima di un ripristino', manual: 'manualmente' },
    choose: 'Ripristina questo backup',
    confirmTitle: 'Ripristinare questo backup?',
    confirm: (when: string, who: string | null) =>
      `Il server verrà fermato, le sue impostazioni attuali verranno conservate in un nuovo backup e il backup del ${when} verrà rimesso al suo posto. ${
        who ? `Il server sarà di nuovo collegato all’account ${who}, come allora.` : 'Il server non sarà collegato a nessun account, come allora.'
      }`,
    confirmYes: 'Ripristina',
    cancel: 'Annulla',
    working: 'Ripristino in corso…',
    restored: (when: string) => `Il backup del ${when} è di nuovo al suo posto e il server è in funzione.`,
    back: 'Indietro'
  },
  servers: {
    types: {
      'windows-tray': 'Plex Media Server (Windows)',
      'linux-package': 'Plex Media Server (pacchetto Linux)',
      'linux-sysv': 'Plex Media Server (pacchetto Linux, init SysV)',
      arch: 'Plex Media Server (Arch Linux / NixOS)',
      nixos: 'Plex Media Server (NixOS)',
      snap: 'Plex Media Server (Snap)',
      'home-assistant': 'Plex Media Server (componente aggiuntivo di Home Assistant)',
      'synology-dsm7': 'Plex Media Server (Synology DSM 7)',
      'synology-dsm7-legacy': 'Plex Media Server (Synology DSM 7, pacchetto precedente)',
      'synology-dsm6': 'Plex Media Server (Synology DSM 6)',
      qnap: 'Plex Media Server (QNAP)',
      asustor: 'Plex Media Server (ASUSTOR)',
      readynas: 'Plex Media Server (Netgear ReadyNAS)',
      'western-digital': 'Plex Media Server (Western Digital My Cloud)',
      freebsd: 'Plex Media Server (FreeBSD)'
    },
    freenasPlugin: 'Plex Media Server (plugin FreeNAS)',
    docker: (image: string, container: string) => `Plex Media Server (Docker ${image}, container ${container})`,
    macos: (user: string) => `Plex Media Server (macOS, utente ${user})`,
    windowsService: (service: string, account: string) => `Plex Media Server (servizio Windows ${service}, account ${account})`,
    windowsUser: (sid: string) => `Plex Media Server (utente Windows ${sid})`,
    truenasJail: (jail: string) => `Plex Media Server (jail TrueNAS ${jail})`,
    folder: {
      'data-folder': 'Impostazioni di Plex Media Server in una cartella dati di Plex',
      binhex: 'Impostazioni di Plex Media Server in una cartella /config o Application Support in stile binhex',
      'config-volume': 'Impostazioni di Plex Media Server in un volume /config di plexinc o linuxserver',
      'library-folder': 'Impostazioni di Plex Media Server in una cartella Library di QNAP o ASUSTOR'
    },
    settingsIn: (folder: string) => `Impostazioni di Plex Media Server in ${folder}`
  },
  error: { copy: 'Copia i dettagli', copied: 'Dettagli copiati', todo: 'Cosa fare:' },
  leave: 'È in corso un’operazione. Se esci ora, non ne vedrai più l’avanzamento.'
}
