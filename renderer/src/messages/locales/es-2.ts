import type { Messages } from '../en'

/** The end of the Spanish catalogue, kept apart so that es.ts stays under 300 lines; es.ts spreads it in. */
export const es2: Pick<Messages, 'restore' | 'servers' | 'error' | 'leave'> = {
  restore: {
    title: 'Restaurar una copia de seguridad',
    body: 'Copias de seguridad, de la más reciente a la más antigua. Al restaurar se detiene el servidor, se guarda la configuración actual como una copia nueva, se vuelve a poner la elegida y se inicia el servidor.',
    signedInAs: (who: string) => `Sesión iniciada como ${who}`,
    notSignedIn: 'Sin sesión iniciada',
    taken: (reason: string) => `Hecha ${reason}`,
    fingerprint: 'Suma de comprobación',
    installTypes: {
      'windows-tray': 'Windows',
      'windows-service-account': 'Windows (servicio)',
      'macos-app': 'macOS',
      'linux-package': 'Paquete de Linux',
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
      'western-digital': 'NAS de WD',
      freebsd: 'FreeBSD',
      'truenas-jail': 'TrueNAS',
      folder: 'Una carpeta elegida'
    },
    steps: {
      'verify-backup': 'Comprobar la copia elegida',
      stop: 'Detener el servidor',
      'verify-stopped': 'Asegurarse de que se detuvo',
      backup: 'Guardar la configuración actual como copia de seguridad',
      restore: 'Volver a poner la copia elegida',
      'verify-store': 'Comprobar que la configuración coincide con la copia',
      start: 'Iniciar el servidor',
      'verify-started': 'Comprobar que el servidor responde'
    },
    failed: 'La restauración no terminó.',
    none: 'Todavía no hay copias de seguridad.',
    when: 'Hecha',
    server: 'Configuración',
    account: 'Cuenta',
    keys: 'Datos de sesión',
    noKeys: 'ninguno',
    reason: { reset: 'antes de un restablecimiento', 'pre-restore': 'antes de una restauración', manual: 'a mano' },
    choose: 'Restaurar esta copia',
    confirmTitle: '¿Restaurar esta copia de seguridad?',
    confirm: (when: string, who: string | null) =>
      `Se detendrá el servidor, su configuración actual se guardará como una copia nueva y se volverá a poner la copia del ${when}. ${
        who ? `El servidor volverá a tener la sesión iniciada como ${who}, como entonces.` : 'El servidor no tendrá la sesión iniciada con ninguna cuenta, como entonces.'
      }`,
    confirmYes: 'Restaurar',
    cancel: 'Cancelar',
    working: 'Restaurando…',
    restored: (when: string) => `La copia del ${when} vuelve a estar en su sitio y el servidor está en marcha.`,
    back: 'Atrás'
  },
  servers: {
    types: {
      'windows-tray': 'Plex Media Server (Windows)',
      'linux-package': 'Plex Media Server (paquete de Linux)',
      'linux-sysv': 'Plex Media Server (paquete de Linux, init SysV)',
      arch: 'Plex Media Server (Arch Linux / NixOS)',
      nixos: 'Plex Media Server (NixOS)',
      snap: 'Plex Media Server (Snap)',
      'home-assistant': 'Plex Media Server (complemento de Home Assistant)',
      'synology-dsm7': 'Plex Media Server (Synology DSM 7)',
      'synology-dsm7-legacy': 'Plex Media Server (Synology DSM 7, paquete antiguo)',
      'synology-dsm6': 'Plex Media Server (Synology DSM 6)',
      qnap: 'Plex Media Server (QNAP)',
      asustor: 'Plex Media Server (ASUSTOR)',
      readynas: 'Plex Media Server (Netgear ReadyNAS)',
      'western-digital': 'Plex Media Server (Western Digital My Cloud)',
      freebsd: 'Plex Media Server (FreeBSD)'
    },
    freenasPlugin: 'Plex Media Server (plugin de FreeNAS)',
    docker: (image: string, container: string) => `Plex Media Server (Docker ${image}, contenedor ${container})`,
    macos: (user: string) => `Plex Media Server (macOS, usuario ${user})`,
    windowsService: (service: string, account: string) => `Plex Media Server (servicio de Windows ${service}, cuenta ${account})`,
    windowsUser: (sid: string) => `Plex Media Server (usuario de Windows ${sid})`,
    truenasJail: (jail: string) => `Plex Media Server (jail de TrueNAS ${jail})`,
    folder: {
      'data-folder': 'Configuración de Plex Media Server en una carpeta de datos de Plex',
      binhex: 'Configuración de Plex Media Server en una carpeta /config o Application Support al estilo binhex',
      'config-volume': 'Configuración de Plex Media Server en un volumen /config de plexinc o linuxserver',
      'library-folder': 'Configuración de Plex Media Server en una carpeta Library de QNAP o ASUSTOR'
    },
    settingsIn: (folder: string) => `Configuración de Plex Media Server en ${folder}`
  },
  error: { copy: 'Copiar los detalles', copied: 'Detalles copiados', todo: 'Qué hacer:' },
  leave: 'Hay una operación en curso. Si sales ahora, dejarás de ver su progreso.'
}
