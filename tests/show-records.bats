#!/usr/bin/env bats
# show-records: records unescaped, for a person to read.

load test_helper

setup() {
	in=$(fixture in.tsv 'id\ttitle\ttext\na1\tFerry\tLine one\\nLine two\\tend\nb2\tCafe\tOpening day\nc3\tTides\tHigh water\\n\n')
}

@test "by default each record shows its id line and its text unescaped" {
	run -0 show-records "$in"
	assert_output "$(printf '==> a1 <==\nLine one\nLine two\tend\n\n==> b2 <==\nOpening day\n\n==> c3 <==\nHigh water\n')"
}

@test "-c shows several columns, each under its name" {
	run -0 show-records -c title,3 -n 2 "$in"
	assert_output "$(printf '==> b2 <==\n[title]\nCafe\n[text]\nOpening day\n')"
}

@test "-n takes numbers and ranges, -k takes ids" {
	run -0 show-records -n 1,3- -c title "$in"
	assert_output "$(printf '==> a1 <==\nFerry\n\n==> c3 <==\nTides\n')"
	run -0 show-records -k b2 -c title "$in"
	assert_output "$(printf '==> b2 <==\nCafe\n')"
}

@test "control characters are shown in caret notation unless --raw" {
	f=$(fixture esc.tsv 'id\ttext\nx\tred \033[31m alert\\r\n')
	run -0 show-records "$f"
	assert_line -n 1 'red ^[[31m alert^M'
	run -0 show-records --raw "$f"
	assert_line -n 1 "$(printf 'red \033[31m alert\r')"
}

@test "an unknown column is named and exits 2" {
	run -2 --separate-stderr show-records -c body "$in"
	[ "$stderr" = "show-records: the input has no column 'body'" ]
	run -2 --separate-stderr show-records -c 9 "$in"
	[ "$stderr" = "show-records: -c 9: too large" ]
}

@test "a bad record number is a usage error" {
	run -2 --separate-stderr show-records -n 0 "$in"
	[ "$stderr" = "show-records: -n 0: too small" ]
}

@test "reads standard input and - alike" {
	run -0 show-records -n 1 <"$in"
	a=$output
	run -0 show-records -n 1 - <"$in"
	assert_output "$a"
}

@test "malformed records are reported and the rest shown" {
	f=$(fixture bad.tsv 'id\ttext\n1\tok\n2\n')
	run -1 --separate-stderr show-records "$f"
	assert_output "$(printf '==> 1 <==\nok\n')"
	[ "$stderr" = "show-records: $f:3: expected 2 fields, got 1" ]
}
