import type { Messages } from '../en'

/** The end of the Japanese catalogue, kept apart so that ja.ts stays under 300 lines; ja.ts spreads it in. */
export const ja2: Pick<Messages, 'restore' | 'servers' | 'error' | 'leave'> = {
  restore: {
    title: 'バックアップから復元',
    body: 'バックアップを新しい順に表示しています。復元すると、サーバーを停止し、現在の設定を新しいバックアップとして残し、選んだバックアップを戻してからサーバーを起動します。',
    signedInAs: (who: string) => `${who} でサインイン`,
    notSignedIn: 'サインインしていません',
    taken: (reason: string) => `${reason}作成`,
    fingerprint: 'チェックサム',
    installTypes: {
      'windows-tray': 'Windows',
      'windows-service-account': 'Windows（サービス）',
      'macos-app': 'macOS',
      'linux-package': 'Linux パッケージ',
      'linux-sysv': 'Linux',
      arch: 'Arch Linux',
      snap: 'Snap',
      'docker-plexinc': 'Docker',
      'docker-linuxserver': 'Docker（linuxserver）',
      'docker-hotio': 'Docker（hotio）',
      'docker-binhex': 'Docker（binhex）',
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
      folder: '選んだフォルダー'
    } as Record<string, string>,
    steps: {
      'verify-backup': '選んだバックアップを確認',
      stop: 'サーバーを停止',
      'verify-stopped': '停止したことを確認',
      backup: '現在の設定をバックアップとして保存',
      restore: '選んだバックアップを戻す',
      'verify-store': '設定がバックアップと一致するか確認',
      start: 'サーバーを起動',
      'verify-started': 'サーバーが応答するか確認'
    } as Record<string, string>,
    failed: '復元が完了しませんでした。',
    none: 'バックアップはまだありません。',
    when: '作成日時',
    server: '設定',
    account: 'アカウント',
    keys: 'サインイン情報の値',
    noKeys: 'なし',
    reason: { reset: 'リセット前に', 'pre-restore': '復元前に', manual: '手動で' } as Record<string, string>,
    choose: 'このバックアップを復元',
    confirmTitle: 'このバックアップを復元しますか？',
    confirm: (when: string, who: string | null) =>
      `サーバーを停止し、現在の設定を新しいバックアップとして残してから、${when} のバックアップを戻します。${
        who ? `サーバーは当時と同じく ${who} でサインインした状態に戻ります。` : 'サーバーは当時と同じく、どのアカウントにもサインインしていない状態になります。'
      }`,
    confirmYes: '復元',
    cancel: 'キャンセル',
    working: '復元しています…',
    restored: (when: string) => `${when} のバックアップを戻しました。サーバーは動いています。`,
    back: '戻る'
  },
  servers: {
    types: {
      'windows-tray': 'Plex Media Server（Windows）',
      'linux-package': 'Plex Media Server（Linux パッケージ）',
      'linux-sysv': 'Plex Media Server（Linux パッケージ、SysV init）',
      arch: 'Plex Media Server（Arch Linux / NixOS）',
      nixos: 'Plex Media Server（NixOS）',
      snap: 'Plex Media Server（Snap）',
      'home-assistant': 'Plex Media Server（Home Assistant アドオン）',
      'synology-dsm7': 'Plex Media Server（Synology DSM 7）',
      'synology-dsm7-legacy': 'Plex Media Server（Synology DSM 7、旧パッケージ）',
      'synology-dsm6': 'Plex Media Server（Synology DSM 6）',
      qnap: 'Plex Media Server（QNAP）',
      asustor: 'Plex Media Server（ASUSTOR）',
      readynas: 'Plex Media Server（Netgear ReadyNAS）',
      'western-digital': 'Plex Media Server（Western Digital My Cloud）',
      freebsd: 'Plex Media Server（FreeBSD）'
    },
    freenasPlugin: 'Plex Media Server（FreeNAS プラグイン）',
    docker: (image: string, container: string) => `Plex Media Server（Docker ${image}、コンテナ ${container}）`,
    macos: (user: string) => `Plex Media Server（macOS、ユーザー ${user}）`,
    windowsService: (service: string, account: string) => `Plex Media Server（Windows サービス ${service}、アカウント ${account}）`,
    windowsUser: (sid: string) => `Plex Media Server（Windows ユーザー ${sid}）`,
    truenasJail: (jail: string) => `Plex Media Server（TrueNAS Jail ${jail}）`,
    folder: {
      'data-folder': 'Plex データフォルダー内の Plex Media Server の設定',
      binhex: 'binhex 形式の /config または Application Support フォルダー内の Plex Media Server の設定',
      'config-volume': 'plexinc または linuxserver の /config ボリューム内の Plex Media Server の設定',
      'library-folder': 'QNAP または ASUSTOR の Library フォルダー内の Plex Media Server の設定'
    },
    settingsIn: (folder: string) => `${folder} 内の Plex Media Server の設定`
  },
  error: {
    copy: '詳細をコピー',
    copied: '詳細をコピーしました',
    todo: '対処方法：'
  },
  leave: '作業の途中です。今このページを離れると、進み具合が見えなくなります。'
}
