#!/usr/bin/env bats
# The record library's behaviour, seen through check-records, the
# pass-through program that reads, unescapes, re-escapes and writes every
# field.

load test_helper

@test "a well-formed stream passes through byte for byte" {
	f=$(fixture in.tsv 'id\ttext\tlang\n1\tOne line\\nTwo\\tcols\ten\n2\tback\\\\slash\\r\tfr\n')
	run -0 check-records "$f"
	assert_output "$(cat "$f")"
}

@test "all four escapes survive a round trip from jq @tsv to the unescaped text" {
	j=$(fixture page.json '{"id":"a","text":"tab\\there\\nnew\\\\line\\rcr"}\n')
	jq -r '["id","text"], ([.id,.text]) | @tsv' "$j" | check-records |
	    show-records --raw > "$BATS_TEST_TMPDIR/got"
	{ printf '==> a <==\n'; jq -j .text "$j"; printf '\n\n'; } > "$BATS_TEST_TMPDIR/want"
	cmp "$BATS_TEST_TMPDIR/want" "$BATS_TEST_TMPDIR/got"
	run -0 grep -c . "$BATS_TEST_TMPDIR/got"
	assert_output 3
}

@test "reads a file operand, - and redirected standard input alike" {
	f=$(fixture in.tsv 'id\ttext\n1\ta\n')
	run -0 check-records "$f"
	a=$output
	run -0 check-records - <"$f"
	assert_output "$a"
	run -0 check-records <"$f"
	assert_output "$a"
}

@test "CR LF line ends are read as LF and written as LF" {
	f=$(fixture crlf.tsv 'id\ttext\r\n1\thello\r\n2\tworld\r\n')
	run -0 check-records "$f"
	assert_output "$(printf 'id\ttext\n1\thello\n2\tworld')"
}

@test "a CR inside a field is kept and written as \\r" {
	f=$(fixture cr.tsv 'id\ttext\n1\tone\rtwo\n')
	run -0 check-records "$f"
	assert_line -n 1 '1	one\rtwo'
}

@test "the last line may lack its newline" {
	f=$(fixture nonl.tsv 'id\ttext\n1\tend')
	run -0 check-records "$f"
	assert_output "$(printf 'id\ttext\n1\tend')"
}

@test "empty input gives empty output and success" {
	run -0 check-records </dev/null
	assert_output ''
}

@test "header-only input gives the header only" {
	f=$(fixture h.tsv 'id\ttext\n')
	run -0 check-records "$f"
	assert_output "$(printf 'id\ttext')"
}

@test "a byte order mark before the header is dropped" {
	f=$(fixture bom.tsv '\357\273\277id\ttext\n1\tx\n')
	run -0 check-records "$f"
	assert_line -n 0 "$(printf 'id\ttext')"
}

@test "a record with the wrong number of fields is reported, rejected and the rest go on" {
	f=$(fixture bad.tsv 'id\ttext\n1\tgood\n2\n3\ta\tb\n4\tgood too\n')
	run -1 --separate-stderr check-records --rejects "$BATS_TEST_TMPDIR/rej" "$f"
	assert_output "$(printf 'id\ttext\n1\tgood\n4\tgood too')"
	[ "${stderr_lines[0]}" = "check-records: $f:3: expected 2 fields, got 1" ]
	[ "${stderr_lines[1]}" = "check-records: $f:4: expected 2 fields, got 3" ]
	run -0 cat "$BATS_TEST_TMPDIR/rej"
	assert_output "$(printf '2\n3\ta\tb')"
}

@test "a backslash before anything but \\\\ t n r is a malformed record" {
	f=$(fixture esc.tsv 'id\ttext\n1\tC:\\\\dir\n2\tC:\\dir\n3\tends\\\n')
	run -1 --separate-stderr check-records "$f"
	assert_output "$(printf 'id\ttext\n1\tC:\\\\dir')"
	[ "${stderr_lines[0]}" = "check-records: $f:3: field 2 (text): bad escape '\\d'" ]
	[ "${stderr_lines[1]}" = "check-records: $f:4: field 2 (text): backslash at the end of the field" ]
}

@test "a NUL byte makes a record malformed" {
	f=$(fixture nul.tsv 'id\ttext\n1\tab\0cd\n2\tok\n')
	run -1 --separate-stderr check-records "$f"
	assert_output "$(printf 'id\ttext\n2\tok')"
	[ "${stderr_lines[0]}" = "check-records: $f:2: NUL byte at byte 5" ]
}

@test "records in equals records out plus records rejected" {
	f=$(fixture mix.tsv 'id\ttext\n1\ta\n2\n3\tc\n4\td\\q\n5\te\n')
	run -1 --separate-stderr check-records --stats "$f"
	[ "${stderr_lines[2]}" = "check-records: 5 records in, 3 out, 2 rejected" ]
}

@test "a missing column is named and exits 2" {
	f=$(fixture nocol.tsv 'id\tbody\n1\tx\n')
	run -2 --separate-stderr check-records "$f"
	[ "$stderr" = "check-records: the input has no column 'text'" ]
	run -0 check-records -f body "$f"
	run -2 --separate-stderr check-records --id key -f body "$f"
	[ "$stderr" = "check-records: the input has no column 'key'" ]
}

@test "duplicate column names are a fatal header error" {
	f=$(fixture dup.tsv 'id\ttext\ttext\n1\ta\tb\n')
	run -2 --separate-stderr check-records "$f"
	[ "$stderr" = "check-records: $f:1: duplicate column name 'text'" ]
}

@test "several files make one stream with one header" {
	a=$(fixture a.tsv 'id\ttext\n1\ta\n')
	b=$(fixture b.tsv 'id\ttext\n2\tb\n')
	run -0 check-records "$a" "$b"
	assert_output "$(printf 'id\ttext\n1\ta\n2\tb')"
}

@test "a file whose header differs is reported and skipped, exit 2" {
	a=$(fixture a.tsv 'id\ttext\n1\ta\n')
	b=$(fixture b.tsv 'id\ttext\tx\n2\tb\tc\n')
	c=$(fixture c.tsv 'id\ttext\n3\tc\n')
	run -2 --separate-stderr check-records "$a" "$b" "$c"
	assert_output "$(printf 'id\ttext\n1\ta\n3\tc')"
	[ "$stderr" = "check-records: $b:1: header differs from the first file's; file skipped" ]
}

@test "an unreadable file is reported and the others are processed, exit 2" {
	a=$(fixture a.tsv 'id\ttext\n1\ta\n')
	run -2 --separate-stderr check-records "$BATS_TEST_TMPDIR/missing.tsv" "$a"
	assert_output "$(printf 'id\ttext\n1\ta')"
	[ "$stderr" = "check-records: $BATS_TEST_TMPDIR/missing.tsv: No such file or directory" ]
}

@test "invalid UTF-8 inside a field is kept byte for byte" {
	f=$(fixture bad-utf8.tsv 'id\ttext\n1\t\377\376 caf\303 \355\240\200 ok\n')
	run -0 check-records "$f"
	check-records "$f" > "$BATS_TEST_TMPDIR/out"
	cmp "$f" "$BATS_TEST_TMPDIR/out"
}

@test "a 64 MiB field round-trips unchanged" {
	f="$BATS_TEST_TMPDIR/big.tsv"
	{
		printf 'id\ttext\n1\t'
		head -c 67108864 /dev/zero | tr '\0' 'x' | fold -w 1000 | sed 's/$/\\n/' | tr -d '\n'
		printf '\n2\tsmall\n'
	} > "$f"
	check-records "$f" > "$BATS_TEST_TMPDIR/out"
	cmp "$f" "$BATS_TEST_TMPDIR/out"
}

@test "a header with ten thousand columns works" {
	f="$BATS_TEST_TMPDIR/wide.tsv"
	awk 'BEGIN { OFS = "\t"; printf "id\ttext"; for (i = 0; i < 10000; i++) printf "\tc%d", i;
	    printf "\n1\tx"; for (i = 0; i < 10000; i++) printf "\t%d", i; printf "\n" }' > "$f"
	check-records "$f" > "$BATS_TEST_TMPDIR/out"
	cmp "$f" "$BATS_TEST_TMPDIR/out"
}

@test "a closed output pipe ends the program quietly" {
	f="$BATS_TEST_TMPDIR/many.tsv"
	awk 'BEGIN { print "id\ttext"; for (i = 0; i < 200000; i++) print i "\tsome text here" }' > "$f"
	run -0 --separate-stderr bash -c 'check-records "$1" | head -1' _ "$f"
	assert_output "$(printf 'id\ttext')"
	[ -z "$stderr" ]
}

@test "a write error is reported and exits 2" {
	f=$(fixture in.tsv 'id\ttext\n1\ta\n')
	run -2 --separate-stderr bash -c 'check-records "$1" > /dev/full' _ "$f"
	[ "$stderr" = "check-records: write error: stdout: No space left on device" ]
}

@test "a rejects file that cannot be opened is fatal" {
	f=$(fixture in.tsv 'id\ttext\n1\ta\n')
	run -2 --separate-stderr check-records --rejects /nonexistent/dir/rej "$f"
	[ "$stderr" = "check-records: /nonexistent/dir/rej: No such file or directory" ]
}

@test "line-buffered output appears before the input ends" {
	coproc CR { check-records -l; }
	pid=$CR_PID
	printf 'id\ttext\n1\tfirst\n' >&"${CR[1]}"
	read -r -t 10 line <&"${CR[0]}"
	[ "$line" = "$(printf 'id\ttext')" ]
	read -r -t 10 line <&"${CR[0]}"
	[ "$line" = "$(printf '1\tfirst')" ]
	exec {CR[1]}>&-
	wait "$pid"
}

@test "-h prints the usage and succeeds, -V the version" {
	run -0 check-records -h </dev/null
	assert_output --partial 'usage: check-records'
	run -0 check-records --version </dev/null
	assert_output --regexp '^check-records [0-9]+\.[0-9]+\.[0-9]+$'
}

@test "an unknown option is a usage error, exit 2" {
	run -2 --separate-stderr check-records --bogus </dev/null
	assert_equal "${stderr_lines[1]}" "usage: check-records [-hlV] [-f field] [--id name] [--rejects file] [--stats] [file ...]"
}

@test "random bytes round-trip through import-pages, check-records and show-records" {
	head -c 1000000 /dev/urandom | tr -d '\000' > "$BATS_TEST_TMPDIR/noise"
	import-pages "$BATS_TEST_TMPDIR/noise" | check-records | check-records |
	    show-records --raw > "$BATS_TEST_TMPDIR/out"
	{ printf '==> %s <==\n' "$BATS_TEST_TMPDIR/noise"; cat "$BATS_TEST_TMPDIR/noise"; } > "$BATS_TEST_TMPDIR/want"
	# show-records ends a value with LF when it has none, then a blank line.
	head -c "$(wc -c < "$BATS_TEST_TMPDIR/want")" "$BATS_TEST_TMPDIR/out" > "$BATS_TEST_TMPDIR/got"
	cmp "$BATS_TEST_TMPDIR/want" "$BATS_TEST_TMPDIR/got"
}
