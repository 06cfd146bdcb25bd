import type { Messages } from '../en'

/** The end of the Japanese catalogue, kept apart so that ja.ts stays under 300 lines; ja.ts spreads it in. */
export const ja2: Pick<Messages, 'restore' | 'error' | 'leave'> = {
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
  error: {
    copy: '詳細をコピー',
    copied: '詳細をコピーしました',
    todo: '対処方法：'
  },
  leave: '作業の途中です。今このページを離れると、進み具合が見えなくなります。'
}
