#!/usr/bin/env bats
# import-pages: files and directory trees of pages into news TSV.

load test_helper

setup() {
	tree="$BATS_TEST_TMPDIR/site"
	mkdir -p "$tree/2024/may" "$tree/.git"
	printf 'Ferry fares rise\n\nThe council said\tso.\n' > "$tree/2024/may/ferry.txt"
	printf 'Caf\303\251 opens\r\n' > "$tree/2024/cafe.txt"
	printf 'A\\B\n' > "$tree/about.txt"
	printf 'ref: refs/heads/main\n' > "$tree/.git/HEAD"
	printf 'hidden\n' > "$tree/.draft.txt"
}

@test "a directory becomes one record per file, ids relative to it, in name order" {
	run -0 import-pages "$tree"
	assert_output "$(printf 'id\ttext\n2024/cafe.txt\tCaf\303\251 opens\\r\\n\n2024/may/ferry.txt\tFerry fares rise\\n\\nThe council said\\tso.\\n\nabout.txt\tA\\\\B\\n')"
}

@test "a trailing slash on the directory does not change the ids" {
	run -0 import-pages "$tree/"
	assert_line -n 1 --partial '2024/cafe.txt'
}

@test "a file operand keeps the path as given for its id" {
	cd "$tree"
	run -0 import-pages about.txt 2024/cafe.txt
	assert_line -n 1 "$(printf 'about.txt\tA\\\\B\\n')"
	assert_line -n 2 --partial "$(printf '2024/cafe.txt\t')"
}

@test "a page on standard input gets the id -" {
	run -0 import-pages <"$tree/about.txt"
	assert_output "$(printf 'id\ttext\n-\tA\\\\B\\n')"
	run -0 import-pages - <"$tree/about.txt"
	assert_output "$(printf 'id\ttext\n-\tA\\\\B\\n')"
}

@test "the import round-trips: show-records --raw gives the files back" {
	import-pages "$tree/2024/may/ferry.txt" | show-records --raw > "$BATS_TEST_TMPDIR/out"
	{ printf '==> %s <==\n' "$tree/2024/may/ferry.txt"; cat "$tree/2024/may/ferry.txt"; printf '\n'; } > "$BATS_TEST_TMPDIR/want"
	cmp "$BATS_TEST_TMPDIR/want" "$BATS_TEST_TMPDIR/out"
}

@test "-s keeps only files with the suffix" {
	printf 'x' > "$tree/logo.png"
	run -0 import-pages -s .txt "$tree"
	refute_output --partial logo.png
	assert_line -n 3 --partial about.txt
}

@test "-f and --id name the columns" {
	run -0 import-pages --id url -f body "$tree/about.txt"
	assert_line -n 0 "$(printf 'url\tbody')"
	run -2 --separate-stderr import-pages --id x -f x "$tree/about.txt"
	[ "$stderr" = "import-pages: the id and text columns need two names" ]
}

@test "a page with a NUL byte is reported, named in the rejects file and skipped, exit 1" {
	printf 'bin\0ary' > "$tree/2024/blob.txt"
	run -1 --separate-stderr import-pages --stats --rejects "$BATS_TEST_TMPDIR/rej" "$tree"
	refute_output --partial blob
	[ "${#lines[@]}" -eq 4 ]
	[ "${stderr_lines[0]}" = "import-pages: $tree/2024/blob.txt: NUL byte in page; skipped" ]
	[ "${stderr_lines[1]}" = "import-pages: 4 pages read, 3 records out, 1 skipped" ]
	run -0 cat "$BATS_TEST_TMPDIR/rej"
	assert_output "$tree/2024/blob.txt"
}

@test "a missing operand is reported, the others imported, exit 2" {
	run -2 --separate-stderr import-pages "$BATS_TEST_TMPDIR/nope.txt" "$tree/about.txt"
	assert_line -n 1 --partial about.txt
	[ "$stderr" = "import-pages: $BATS_TEST_TMPDIR/nope.txt: No such file or directory" ]
}

@test "invalid UTF-8 in a page is kept byte for byte" {
	printf 'bad \377\376 bytes\n' > "$BATS_TEST_TMPDIR/bad.txt"
	import-pages "$BATS_TEST_TMPDIR/bad.txt" | show-records --raw > "$BATS_TEST_TMPDIR/out"
	run -0 grep -c $'bad \377\376 bytes' "$BATS_TEST_TMPDIR/out"
}

@test "an empty page gives a record with an empty text" {
	: > "$BATS_TEST_TMPDIR/empty.txt"
	run -0 import-pages "$BATS_TEST_TMPDIR/empty.txt"
	assert_line -n 1 "$BATS_TEST_TMPDIR/empty.txt	"
}

@test "the output is valid news TSV" {
	import-pages "$tree" > "$BATS_TEST_TMPDIR/out.tsv"
	run -0 check-records --stats "$BATS_TEST_TMPDIR/out.tsv"
}

@test "a write error is reported and exits 2" {
	run -2 --separate-stderr bash -c 'import-pages "$1" > /dev/full' _ "$tree"
	[ "$stderr" = "import-pages: write error: stdout: No space left on device" ]
}
