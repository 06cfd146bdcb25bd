# Completes each given line in a real interactive zsh (zsh/zpty) with the real completion system
# (compinit, compdef, _describe), the script $1 loaded, and prints each line's candidates, then ---.
# Only compadd is wrapped: it hands its matches to the builtin (-A, which does zsh's own matching)
# and prints them, marked with \x01; \x02 marks the end of a completion. Run it in an empty folder:
# a line the script does not complete falls back to file names.
zmodload zsh/zpty || exit 3
script=$1; shift
for typed in "$@"; do
  zpty z zsh -f -i
  zpty -w z "PROMPT=''; autoload -U compinit; compinit -u -D; source ${(q)script}; bindkey '^I' complete-word"
  zpty -w z 'compadd() { if [[ ${@[1,(i)(-|--)]} == *-(O|A|D)\ * ]]; then builtin compadd "$@"; return; fi; local -a hits; builtin compadd -A hits "$@"; (( $#hits )) && print -rl -- $'\''\x01'\''${^hits}; return 0 }'
  zpty -w z 'done-marker() { print -r -- $'\''\x02'\'' }; comppostfuncs=(done-marker exit)'
  zpty -n -w z "$typed"$'\t'
  while zpty -r z line; do
    line=${line%$'\r'*}
    [[ $line == *$'\x01'* ]] && print -r -- ${line#*$'\x01'}
    [[ $line == *$'\x02'* ]] && break
  done
  zpty -d z
  print -- ---
done
