#!/usr/bin/env bats
# Every manual page lints clean, and every example in it runs.

load test_helper

@test "every manual page passes mandoc -Tlint" {
	run -0 mandoc -Tlint -Wwarning "$BATS_TEST_DIRNAME"/../man/*.[1-8]
	assert_output ''
}

@test "every program has a manual page and a bats file" {
	cd "$BATS_TEST_DIRNAME/.."
	for src in bin-src/*.c; do
		p=$(basename "$src" .c)
		[ -f "man/$p.1" ] || fail "$p has no man/$p.1"
		[ -f "tests/$p.bats" ] || fail "$p has no tests/$p.bats"
	done
}

# Print the commands of a page's EXAMPLES section: the lines of its
# literal displays that start with "$ ", with roff's \e turned back into a
# backslash.
examples() {
	awk '/^\.Sh / { inex = ($2 == "EXAMPLES") }
	    inex && /^\.Bd -literal/ { lit = 1; next }
	    /^\.Ed/ { lit = 0 }
	    inex && lit && /^\$ / { sub(/^\$ /, ""); gsub(/\\e/, "\\"); print }' "$1"
}

@test "every example in the manual pages runs and succeeds" {
	cd "$BATS_TEST_DIRNAME/.."
	n=0
	for page in man/*.[1-8]; do
		while IFS= read -r cmd; do
			n=$((n + 1))
			# An early stage killed by SIGPIPE under "| head" is fine (141).
			status=0
			bash -o pipefail -c "$cmd" > "$BATS_TEST_TMPDIR/out" 2> "$BATS_TEST_TMPDIR/err" </dev/null || status=$?
			if [ "$status" -ne 0 ] && [ "$status" -ne 141 ]; then
				fail "$page: exit $status: $cmd: $(cat "$BATS_TEST_TMPDIR/err")"
			fi
			[ -s "$BATS_TEST_TMPDIR/out" ] || [ -s "$BATS_TEST_TMPDIR/err" ] ||
			    fail "$page: no output: $cmd"
		done < <(examples "$page")
	done
	[ "$n" -gt 0 ]
}
