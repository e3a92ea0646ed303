# Completes a command line in a real interactive zsh, as a person pressing Tab would, and
# prints the line as it stands after the completion. For the zsh completion tests.
#
#   zsh -f zsh_complete.zsh COMPLETION_DIR 'zanryoctl sta'
#
# The interactive zsh runs on a pseudo-terminal (zsh/zpty) with compinit and
# COMPLETION_DIR first in $fpath; after the Tab a widget writes $BUFFER to a file, read
# here within 20 s. Exit 2: the line never came back (the completion hung or failed).
zmodload zsh/zpty || exit 3
compdir=$1 typed=$2
result=$(mktemp "${TMPDIR:-/tmp}/zanryo-zsh-complete.XXXXXX") || exit 3
trap 'zpty -d z 2>/dev/null; rm -f $result' EXIT
zpty z zsh -f -i
zpty -w z "PS1='> '; bindkey -e; fpath=(${(q)compdir} \$fpath); autoload -U compinit; compinit -u -D"
zpty -w z "zanryo-dump() { print -r -- \"\$BUFFER\" > ${(q)result}; BUFFER=; }; zle -N zanryo-dump; bindkey '^O' zanryo-dump"
zpty -w -n z "$typed"$'\t\C-o'
for i in {1..200}; do
	if [[ -s $result ]]; then
		print -r -- "$(<$result)"
		exit 0
	fi
	zpty -r -t z chunk   # keep the terminal's output flowing
	sleep 0.1
done
exit 2
