import type { Messages } from '../en'

/** The end of the French catalogue, kept apart so that fr.ts stays under 300 lines; fr.ts spreads it in. */
export const fr2: Pick<Messages, 'restore' | 'servers' | 'error' | 'leave'> = {
  restore: {
    title: 'Restaurer une sauvegarde',
    body: 'Les sauvegardes, de la plus récente à la plus ancienne. La restauration arrête le serveur, conserve les paramètres actuels dans une nouvelle sauvegarde, remet en place celle que vous avez choisie et redémarre le serveur.',
    signedInAs: (who: string) => `Connecté au compte ${who}`,
    notSignedIn: 'Aucun compte connecté',
    taken: (reason: string) => `Faite ${reason}`,
    fingerprint: 'Somme de contrôle',
    installTypes: {
      'windows-tray': 'Windows',
      'windows-service-account': 'Windows (service)',
      'macos-app': 'macOS',
      'linux-package': 'Paquet Linux',
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
      folder: 'Un dossier choisi'
    },
    steps: {
      'verify-backup': 'Vérifier la sauvegarde choisie',
      stop: 'Arrêter le serveur',
      'verify-stopped': 'S’assurer qu’il est arrêté',
      backup: 'Sauvegarder les paramètres actuels',
      restore: 'Remettre en place la sauvegarde choisie',
      'verify-store': 'Vérifier que les paramètres correspondent à la sauvegarde',
      start: 'Démarrer le serveur',
      'verify-started': 'Vérifier que le serveur répond'
    },
    failed: 'La restauration n’a pas abouti.',
    none: 'Il n’y a pas encore de sauvegarde.',
    when: 'Faite le',
    server: 'Paramètres',
    account: 'Compte',
    keys: 'Informations de connexion',
    noKeys: 'aucune',
    reason: { reset: 'avant une réinitialisation', 'pre-restore': 'avant une restauration', manual: 'à la main' },
    choose: 'Restaurer cette sauvegarde',
    confirmTitle: 'Restaurer cette sauvegarde\u00a0?',
    confirm: (when: string, who: string | null) =>
      `Le serveur sera arrêté, ses paramètres actuels seront conservés dans une nouvelle sauvegarde, et la sauvegarde du ${when} sera remise en place. ${
        who ? `Le serveur sera de nouveau connecté au compte ${who}, comme à ce moment-là.` : 'Le serveur ne sera connecté à aucun compte, comme à ce moment-là.'
      }`,
    confirmYes: 'Restaurer',
    cancel: 'Annuler',
    working: 'Restauration en cours…',
    restored: (when: string) => `La sauvegarde du ${when} est remise en place et le serveur fonctionne.`,
    back: 'Retour'
  },
  servers: {
    types: {
      'windows-tray': 'Plex Media Server (Windows)',
      'linux-package': 'Plex Media Server (paquet Linux)',
      'linux-sysv': 'Plex Media Server (paquet Linux, init SysV)',
      arch: 'Plex Media Server (Arch Linux / NixOS)',
      nixos: 'Plex Media Server (NixOS)',
      snap: 'Plex Media Server (Snap)',
      'home-assistant': 'Plex Media Server (module complémentaire Home Assistant)',
      'synology-dsm7': 'Plex Media Server (Synology DSM 7)',
      'synology-dsm7-legacy': 'Plex Media Server (Synology DSM 7, ancien paquet)',
      'synology-dsm6': 'Plex Media Server (Synology DSM 6)',
      qnap: 'Plex Media Server (QNAP)',
      asustor: 'Plex Media Server (ASUSTOR)',
      readynas: 'Plex Media Server (Netgear ReadyNAS)',
      'western-digital': 'Plex Media Server (Western Digital My Cloud)',
      freebsd: 'Plex Media Server (FreeBSD)'
    },
    freenasPlugin: 'Plex Media Server (plugin FreeNAS)',
    docker: (image: string, container: string) => `Plex Media Server (Docker ${image}, conteneur ${container})`,
    macos: (user: string) => `Plex Media Server (macOS, utilisateur ${user})`,
    windowsService: (service: string, account: string) => `Plex Media Server (service Windows ${service}, compte ${account})`,
    windowsUser: (sid: string) => `Plex Media Server (utilisateur Windows ${sid})`,
    truenasJail: (jail: string) => `Plex Media Server (jail TrueNAS ${jail})`,
    folder: {
      'data-folder': 'Paramètres de Plex Media Server dans un dossier de données Plex',
      binhex: 'Paramètres de Plex Media Server dans un dossier /config ou Application Support de style binhex',
      'config-volume': 'Paramètres de Plex Media Server dans un volume /config plexinc ou linuxserver',
      'library-folder': 'Paramètres de Plex Media Server dans un dossier Library QNAP ou ASUSTOR'
    },
    settingsIn: (folder: string) => `Paramètres de Plex Media Server dans ${folder}`
  },
  error: { copy: 'Copier les détails', copied: 'Détails copiés', todo: 'Que faire\u00a0:' },
  leave: 'Une opération est en cours. Si vous quittez maintenant, vous ne verrez plus sa progression.'
}
