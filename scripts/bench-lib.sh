# Shared by the scripts/bench-* scripts; source it, do not run it.
#
# bench_input FILE MB SEED...: write FILE of at least MB megabytes of news
#   TSV by repeating the records of the SEED files (header from the first),
#   giving each copy a fresh id so that nothing is an exact repeat by id.
# bench_time CMD...: run CMD (a shell command string) three times with
#   stdin and stdout as set by the caller, print the best wall-clock time
#   in seconds.
# bench_rate BYTES SECONDS: print MB/s.
# bench_ratio A B: print A/B with two decimals.

bench_input() {
	_f=$1 _mb=$2
	shift 2
	awk -v mb="$_mb" 'BEGIN { FS = OFS = "\t"; limit = mb * 1000000; n = 0 }
	FNR == 1 { if (NR == 1) { print; size += length($0) + 1 } ; next }
	{
		t = index($0, "\t")
		rest[n] = t > 0 ? substr($0, t) : ""
		len[n] = length(rest[n]) + 1
		n++
	}
	END {
		if (n == 0) exit 1
		for (copy = 0; size < limit; copy++)
			for (i = 0; i < n && size < limit; i++) {
				id = "b" copy "-" i
				print id rest[i]
				size += length(id) + len[i]
			}
	}' "$@" > "$_f"
}

bench_time() {
	_best=
	for _run in 1 2 3; do
		_t0=$(date +%s.%N)
		sh -c "$1" || return 1
		_t1=$(date +%s.%N)
		_best=$(echo "$_t0 $_t1 $_best" | awk '{ t = $2 - $1;
		    if ($3 == "" || t < $3) print t; else print $3 }')
	done
	echo "$_best"
}

bench_rate() {
	echo "$1 $2" | awk '{ printf "%.1f\n", $1 / 1000000 / $2 }'
}

bench_ratio() {
	echo "$1 $2" | awk '{ printf "%.2f\n", $1 / $2 }'
}
