# bash completion for plex-reclaim (generated: plex-reclaim completion bash)
_plex_reclaim() {
  local cur=${COMP_WORDS[COMP_CWORD]} words
  if [ "$COMP_CWORD" -eq 1 ]; then
    COMPREPLY=($(compgen -W 'detect inspect status stop start reset claim backups restore resume rollback report completion help' -- "$cur"))
    return
  fi
  case ${COMP_WORDS[1]} in
    detect) words='--root --json --host --identity --accept-host-key --password-stdin --sudo --verbose -v --help -h' ;;
    inspect) words='--file --json --host --identity --accept-host-key --password-stdin --sudo --verbose -v --help -h' ;;
    status) words='--server --port --root --json --host --identity --accept-host-key --password-stdin --sudo --verbose -v --help -h' ;;
    stop) words='--server --port --root --timeout --host --identity --accept-host-key --password-stdin --sudo --verbose -v --help -h' ;;
    start) words='--server --port --root --timeout --host --identity --accept-host-key --password-stdin --sudo --verbose -v --help -h' ;;
    reset) words='--yes -y --server --port --root --backup-dir --file --no-service --dry-run --force --json --host --identity --accept-host-key --password-stdin --sudo --verbose -v --help -h' ;;
    claim) words='--token --sign-in --yes -y --port --json --host --identity --accept-host-key --password-stdin --sudo --verbose -v --help -h' ;;
    backups) words='--backup-dir --json --host --identity --accept-host-key --password-stdin --sudo --verbose -v --help -h' ;;
    restore) words='--yes -y --server --port --root --no-service --backup-dir --json --host --identity --accept-host-key --password-stdin --sudo --verbose -v --help -h' ;;
    resume) words='--backup-dir --json --host --identity --accept-host-key --password-stdin --sudo --verbose -v --help -h' ;;
    rollback) words='--backup-dir --json --host --identity --accept-host-key --password-stdin --sudo --verbose -v --help -h' ;;
    report) words='--out --include-email --root --backup-dir --json --host --identity --accept-host-key --password-stdin --sudo --verbose -v --help -h' ;;
    completion) words='--verbose -v --help -h' ;;
    help) words='--verbose -v --help -h' ;;
    *) words= ;;
  esac
  case $cur in
    -*) COMPREPLY=($(compgen -W "$words" -- "$cur")) ;;
    *) COMPREPLY=() ;;
  esac
}
complete -o default -F _plex_reclaim plex-reclaim plex-reclaim-cli
