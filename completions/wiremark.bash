# bash completion for wiremark(1).
#
# The options, and whether each takes a value, come from `wiremark --help`;
# the formats from `wiremark --list-formats`: the completion stays in step
# with the program it completes (the one typed, e.g. build/wiremark).

# Prints "OPTION VALUE" for every option that --help lists, VALUE being the
# name of the option's value (FORMAT, FILE, ...) or nothing.
_wiremark_options()
{
	local line arg
	local -a toks names
	while IFS= read -r line; do
		[[ $line =~ ^\ {2,6}- ]] || continue
		read -ra toks <<< "$line"
		names=()
		while [[ ${toks[0]} == -* ]]; do
			names+=("${toks[0]%,}")
			toks=("${toks[@]:1}")
		done
		# the value's name follows the last name after one space; a word
		# after more is the description's ("--jsonl   JSON Lines: ...")
		arg=
		[[ ${toks[0]} =~ ^[A-Z][A-Z0-9_=.-]*$ &&
			$line == *"${names[${#names[@]} - 1]} ${toks[0]}"* ]] && arg=${toks[0]}
		for opt in "${names[@]}"; do
			printf '%s %s\n' "$opt" "$arg"
		done
	done < <("$1" --help 2>/dev/null)
}

# Completes the value cur of option opt, whose value is named arg.
_wiremark_value()
{
	local prog=$1 opt=$2 arg=$3 cur=$4 kind=writers
	case $arg in
	FORMAT)
		[[ $opt == -f || $opt == --from ]] && kind=readers
		COMPREPLY=($(compgen -W "$("$prog" --list-formats 2>/dev/null |
			sed -n "s/^$kind: //p")" -- "$cur"))
		;;
	DIR)
		# -O: folders only
		compopt -o filenames 2>/dev/null
		COMPREPLY=($(compgen -d -- "$cur"))
		;;
	*FILE*)
		compopt -o filenames 2>/dev/null
		COMPREPLY=($(compgen -f -- "$cur"))
		;;
	KEY=VALUE)
		# the keys the built-in templates use
		compopt -o nospace 2>/dev/null
		COMPREPLY=($(compgen -W "lang= publisher= license= title=" -- "$cur"))
		;;
	N)
		# -j: 1 up to the number of cores (--columns takes any number)
		if [[ $opt == -j || $opt == --jobs ]]; then
			COMPREPLY=($(compgen -W "$(seq 1 "$(nproc 2>/dev/null || echo 1)")" -- "$cur"))
		else
			COMPREPLY=()
		fi
		;;
	NAME=VALUE)
		# --limit: the limits' names
		compopt -o nospace 2>/dev/null
		COMPREPLY=($(compgen -W "input-size= line-length= articles= template-depth=" -- "$cur"))
		;;
	*)
		COMPREPLY=()
		;;
	esac
}

_wiremark()
{
	local prog=${COMP_WORDS[0]} cur=${COMP_WORDS[COMP_CWORD]} opt= arg table
	local prev=
	((COMP_CWORD > 0)) && prev=${COMP_WORDS[COMP_CWORD - 1]}
	# "--to=ht": bash splits at '=' (COMP_WORDBREAKS), or keeps one word
	if [[ $prev == = ]] && ((COMP_CWORD > 1)); then
		opt=${COMP_WORDS[COMP_CWORD - 2]}
	elif [[ $cur == --*=* ]]; then
		opt=${cur%%=*}
		cur=${cur#*=}
	elif [[ $prev == -?* ]]; then
		opt=$prev
	fi
	[[ $prog == */* && ! -x $prog ]] && prog=wiremark
	table=$(_wiremark_options "$prog")
	if [[ -n $opt ]]; then
		arg=$(while read -r o a; do [[ $o == "$opt" ]] && echo "$a"; done <<< "$table")
		if [[ -n $arg ]]; then
			_wiremark_value "$prog" "$opt" "$arg" "$cur"
			return 0
		fi
	fi
	if [[ $cur == -* ]]; then
		COMPREPLY=($(compgen -W "$(while read -r o a; do echo "$o"; done <<< "$table")" -- "$cur"))
		return 0
	fi
	compopt -o filenames 2>/dev/null
	COMPREPLY=($(compgen -f -- "$cur"))
}

complete -F _wiremark wiremark
