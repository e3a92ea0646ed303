# bash completion for zanryoctl(1). Modem names, ids and devices come from zanryod
# (`zanryoctl status --json`), on the bus given with --bus.

_zanryoctl_modems()
{
	local bus=$1
	zanryoctl status --json ${bus:+--bus "$bus"} 2>/dev/null |
		sed -n -e 's/^      "name": "\(..*\)",$/\1/p' -e 's/^      "id": "\(.*\)",$/\1/p' \
			-e 's/^      "device": "\(.*\)",$/\1/p'
}

_zanryoctl_files()
{
	if declare -F _filedir >/dev/null; then
		_filedir "$@"
	else
		COMPREPLY=($(compgen -f -- "$cur"))
	fi
}

_zanryoctl()
{
	local cur prev words cword
	# bash-completion's helper when it is installed; plain bash otherwise.
	if declare -F _init_completion >/dev/null; then
		# -n ':': a bus address (unix:path=...) stays one word, as bash split it at the ':'.
		_init_completion -n : || return
	else
		words=("${COMP_WORDS[@]}") cword=$COMP_CWORD
		cur=${COMP_WORDS[COMP_CWORD]} prev=${COMP_WORDS[COMP_CWORD - 1]}
	fi

	local commands="status refresh watch history ussd ussd-respond ussd-cancel info sms parse provider decode encode"
	local global="--bus --modem --json --si --device --timeout --help --version"
	local i cmd="" sub="" bus=""
	for ((i = 1; i < cword; i++)); do
		case ${words[i]} in
		--bus) bus=${words[i + 1]} ;;
		--bus=*) bus=${words[i]#--bus=} ;;
		esac
		case ${words[i - 1]} in
		--bus | --modem | --device | --timeout) continue ;;
		esac
		[[ ${words[i]} == -* ]] && continue
		if [[ -z $cmd ]]; then
			cmd=${words[i]}
		elif [[ -z $sub ]]; then
			sub=${words[i]}
		fi
	done

	case $prev in
	--bus)
		COMPREPLY=($(compgen -W "system session" -- "$cur"))
		return
		;;
	--modem)
		COMPREPLY=($(compgen -W "$(_zanryoctl_modems "$bus")" -- "$cur"))
		return
		;;
	--device)
		_zanryoctl_files
		return
		;;
	--svg)
		_zanryoctl_files svg
		return
		;;
	--timeout | --days | --for | --then)
		return
		;;
	esac

	if [[ -z $cmd ]]; then
		COMPREPLY=($(compgen -W "$commands $global" -- "$cur"))
		return
	fi
	local opts=""
	case $cmd in
	status) opts="--bus --json --modem" ;;
	refresh) opts="--bus --json --modem --all --timeout" ;;
	watch) opts="--bus --json --for --modem" ;;
	history) opts="--bus --json --modem --days --svg" ;;
	ussd) opts="--bus --json --modem --then" ;;
	ussd-respond) opts="--bus --json --modem" ;;
	ussd-cancel) opts="--bus --modem" ;;
	sms) [[ -z $sub ]] && { COMPREPLY=($(compgen -W "send list wait" -- "$cur")); return; }
		opts="--from --timeout --json" ;;
	decode) [[ -z $sub ]] && { COMPREPLY=($(compgen -W "pdu ussd cusd" -- "$cur")); return; } ;;
	encode) [[ -z $sub ]] && { COMPREPLY=($(compgen -W "sms deliver" -- "$cur")); return; } ;;
	parse) opts="--country --mcc-mnc --provider --db --overlay --at --currency --data-unit-base" ;;
	provider) opts="--spn --operator-name --cops --mnc-length --provider --db --overlay" ;;
	esac
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$opts --si --help" -- "$cur"))
	elif [[ -z $sub ]] && [[ $cmd == status || $cmd == refresh || $cmd == history ]]; then
		COMPREPLY=($(compgen -W "$(_zanryoctl_modems "$bus")" -- "$cur"))
	fi
}
complete -F _zanryoctl zanryoctl
