import type { Messages } from '../en'

/** The end of the Brazilian Portuguese catalogue, kept apart so that pt-BR.ts stays under 300 lines; pt-BR.ts spreads it in. */
export const ptBR2: Pick<Messages, 'restore' | 'servers' | 'error' | 'leave'> = {
  restore: {
    title: 'Restaurar um backup',
    body: 'Backups, do mais recente para o mais antigo. A restauração para o servidor, guarda as configurações atuais como um novo backup, coloca de volta o backup escolhido e inicia o servidor.',
    signedInAs: (who: string) => `Conectado à conta ${who}`,
    notSignedIn: 'Nenhuma conta conectada',
    taken: (reason: string) => `Feito ${reason}`,
    fingerprint: 'Soma de verificação',
    installTypes: {
      'windows-tray': 'Windows',
      'windows-service-account': 'Windows (serviço)',
      'macos-app': 'macOS',
      'linux-package': 'Pacote Linux',
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
      folder: 'Uma pasta escolhida'
    },
    steps: {
      'verify-backup': 'Verificar o backup escolhido',
      stop: 'Parar o servidor',
      'verify-stopped': 'Confirmar que ele parou',
      backup: 'Guardar as configurações atuais como backup',
      restore: 'Colocar de volta o backup escolhido',
      'verify-store': 'Verificar se as configurações batem com o backup',
      start: 'Iniciar o servidor',
      'verify-started': 'Verificar se o servidor responde'
    },
    failed: 'A restauração não terminou.',
    none: 'Ainda não há backups.',
    when: 'Feito em',
    server: 'Configurações',
    account: 'Conta',
    keys: 'Dados de acesso',
    noKeys: 'nenhum',
    reason: { reset: 'antes de uma redefinição', 'pre-restore': 'antes de uma restauração', manual: 'manualmente' },
    choose: 'Restaurar este backup',
    confirmTitle: 'Restaurar este backup?',
    confirm: (when: string, who: string | null) =>
      `O servidor vai ser parado, as configurações atuais dele vão ser guardadas como um novo backup e o backup de ${when} vai ser colocado de volta. ${
        who ? `O servidor vai ficar conectado de novo à conta ${who}, como estava na época.` : 'O servidor não vai ficar conectado a nenhuma conta, como estava na época.'
      }`,
    confirmYes: 'Restaurar',
    cancel: 'Cancelar',
    working: 'Restaurando…',
    restored: (when: string) => `O backup de ${when} está de volta e o servidor está em execução.`,
    back: 'Voltar'
  },
  servers: {
    types: {
      'windows-tray': 'Plex Media Server (Windows)',
      'linux-package': 'Plex Media Server (pacote Linux)',
      'linux-sysv': 'Plex Media Server (pacote Linux, init SysV)',
      arch: 'Plex Media Server (Arch Linux / NixOS)',
      nixos: 'Plex Media Server (NixOS)',
      snap: 'Plex Media Server (Snap)',
      'home-assistant': 'Plex Media Server (complemento do Home Assistant)',
      'synology-dsm7': 'Plex Media Server (Synology DSM 7)',
      'synology-dsm7-legacy': 'Plex Media Server (Synology DSM 7, pacote antigo)',
      'synology-dsm6': 'Plex Media Server (Synology DSM 6)',
      qnap: 'Plex Media Server (QNAP)',
      asustor: 'Plex Media Server (ASUSTOR)',
      readynas: 'Plex Media Server (Netgear ReadyNAS)',
      'western-digital': 'Plex Media Server (Western Digital My Cloud)',
      freebsd: 'Plex Media Server (FreeBSD)'
    },
    freenasPlugin: 'Plex Media Server (plugin do FreeNAS)',
    docker: (image: string, container: string) => `Plex Media Server (Docker ${image}, contêiner ${container})`,
    macos: (user: string) => `Plex Media Server (macOS, usuário ${user})`,
    windowsService: (service: string, account: string) => `Plex Media Server (serviço do Windows ${service}, conta ${account})`,
    windowsUser: (sid: string) => `Plex Media Server (usuário do Windows ${sid})`,
    truenasJail: (jail: string) => `Plex Media Server (jail do TrueNAS ${jail})`,
    folder: {
      'data-folder': 'Configurações do Plex Media Server em uma pasta de dados do Plex',
      binhex: 'Configurações do Plex Media Server em uma pasta /config ou Application Support no estilo binhex',
      'config-volume': 'Configurações do Plex Media Server em um volume /config do plexinc ou linuxserver',
      'library-folder': 'Configurações do Plex Media Server em uma pasta Library do QNAP ou ASUSTOR'
    },
    settingsIn: (folder: string) => `Configurações do Plex Media Server em ${folder}`
  },
  error: { copy: 'Copiar os detalhes', copied: 'Detalhes copiados', todo: 'O que fazer:' },
  leave: 'Há uma operação em andamento. Se você sair agora, deixará de ver o progresso dela.'
}
