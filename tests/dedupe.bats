#!/usr/bin/env bats
# dedupe: exact and near-duplicate records dropped or marked.

load test_helper

setup() {
	DEDUPE_FIXTURES=$FIXTURES/dedupe
	source "$DEDUPE_FIXTURES/records.bash"
	T=$BATS_TEST_TMPDIR
}

# stream FILE RECORD-COMMAND...: a header, the warm-up stories, then the
# records that the commands (separated by ";") print.
stream() {
	local f=$1
	shift
	{ printf 'id\ttext\n'; warmup; eval "$*"; } > "$f"
}

# stderr_has TEXT: the last run's standard error contains TEXT.
stderr_has() {
	[[ $stderr == *"$1"* ]] || fail "stderr lacks '$1': $stderr"
}

# kept FILE: the ids dedupe keeps, space-separated.
kept() {
	dedupe "$@" | cut -f1 | tail -n +2 | tr '\n' ' '
}

@test "-h prints the usage and succeeds" {
	run -0 dedupe -h </dev/null
	assert_output --partial 'usage: dedupe [-hlmsVx] [-c count]'
}

@test "an unknown option is a usage error" {
	run -2 dedupe --no-such-option </dev/null
	assert_output --partial 'usage: dedupe'
}

@test "a threshold outside (0, 1] and an n-gram size of 0 are refused" {
	run -2 dedupe -t 0 </dev/null
	assert_output --partial 'not between 0 and 1'
	run -2 dedupe -t 1.5 </dev/null
	run -2 dedupe -t half </dev/null
	assert_output --partial 'not a number'
	run -2 dedupe -n 0 </dev/null
}

@test "an input without the text column is an error" {
	f=$(fixture notext.tsv 'id\tbody\na\tsome words\n')
	run -2 dedupe "$f" </dev/null
	assert_output --partial "no column 'text'"
}

@test "distinct stories in the same page furniture are all kept" {
	stream "$T/in.tsv" ':'
	run -0 kept "$T/in.tsv" </dev/null
	assert_output 'w1 w2 w3 w4 '
}

@test "a byte-for-byte copy is dropped" {
	stream "$T/in.tsv" 'page a ledger bridge; page b ledger bridge'
	run -0 kept "$T/in.tsv" </dev/null
	assert_output 'w1 w2 w3 w4 a '
}

@test "a copy differing only in case, spacing and punctuation is an exact duplicate" {
	stream "$T/in.tsv" 'page a ledger bridge; page b ledger bridge upper spaces curly'
	run -0 --separate-stderr dedupe --stats "$T/in.tsv" </dev/null
	stderr_has '5 kept, 1 dropped (1 exact, 0 near)'
}

@test "a copy with a new headline is dropped" {
	stream "$T/in.tsv" 'page a ledger bridge; page b ledger bridge head="UPDATE 1-Swing bridge back in service on Monday"'
	run -0 kept "$T/in.tsv" </dev/null
	assert_output 'w1 w2 w3 w4 a '
}

@test "a copy in another site's page furniture is dropped" {
	stream "$T/in.tsv" 'page a ledger bridge; page b herald bridge'
	run -0 kept "$T/in.tsv" </dev/null
	assert_output 'w1 w2 w3 w4 a '
}

@test "a copy without any page furniture is dropped" {
	stream "$T/in.tsv" 'page a ledger bridge; page b bare bridge'
	run -0 kept "$T/in.tsv" </dev/null
	assert_output 'w1 w2 w3 w4 a '
}

@test "a copy with a paragraph added is dropped" {
	stream "$T/in.tsv" 'page a ledger bridge; page b herald bridge add="Do you have a story to share with us? Write to the newsroom."'
	run -0 kept "$T/in.tsv" </dev/null
	assert_output 'w1 w2 w3 w4 a '
}

@test "a copy with a paragraph dropped is dropped" {
	stream "$T/in.tsv" 'page a ledger bridge; page b herald bridge drop=2'
	run -0 kept "$T/in.tsv" </dev/null
	assert_output 'w1 w2 w3 w4 a '
}

@test "a copy with two paragraphs swapped is dropped" {
	stream "$T/in.tsv" 'page a ledger bridge; page b herald bridge swap=3'
	run -0 kept "$T/in.tsv" </dev/null
	assert_output 'w1 w2 w3 w4 a '
}

@test "a copy with word edits is dropped" {
	stream "$T/in.tsv" 'page a ledger bridge; page b herald bridge edit=bridge=crossing edit=council=county edit=said=says edit=programme=program'
	run -0 kept "$T/in.tsv" </dev/null
	assert_output 'w1 w2 w3 w4 a '
}

@test "a teaser after its full story is dropped" {
	stream "$T/in.tsv" 'page a ledger bridge; page b herald bridge trunc=1'
	run -0 kept "$T/in.tsv" </dev/null
	assert_output 'w1 w2 w3 w4 a '
}

@test "a full story after its teaser is dropped" {
	stream "$T/in.tsv" 'page a bare bridge trunc=1; page b herald bridge'
	run -0 kept "$T/in.tsv" </dev/null
	assert_output 'w1 w2 w3 w4 a '
}

@test "a copy with every kind of change at once is dropped" {
	stream "$T/in.tsv" 'page a ledger bridge; page b herald bridge head="Bridge back" drop=4 add="Additional reporting by agency staff." swap=1 edit=said=says curly'
	run -0 kept "$T/in.tsv" </dev/null
	assert_output 'w1 w2 w3 w4 a '
}

@test "two different stories on the same topic are both kept" {
	stream "$T/in.tsv" 'page a ledger bridge; page b ledger bridge-delay; page c herald bridge-delay'
	run -0 kept "$T/in.tsv" </dev/null
	assert_output 'w1 w2 w3 w4 a b '
}

@test "two short stories in the same page furniture are both kept" {
	stream "$T/in.tsv" 'page a ledger tortoise; page b ledger choir'
	run -0 kept "$T/in.tsv" </dev/null
	assert_output 'w1 w2 w3 w4 a b '
}

@test "furniture not yet seen in four stories can make two short stories look alike" {
	{ printf 'id\ttext\n'; page a ledger tortoise; page b ledger choir; } > "$T/in.tsv"
	run -0 kept "$T/in.tsv" </dev/null
	assert_output 'a '
}

@test "the first occurrence survives whichever copy comes first" {
	stream "$T/in.tsv" 'page b herald bridge drop=2 trunc=3; page a ledger bridge'
	run -0 kept "$T/in.tsv" </dev/null
	assert_output 'w1 w2 w3 w4 b '
	stream "$T/in2.tsv" 'page a ledger bridge; page b herald bridge drop=2 trunc=3'
	run -0 kept "$T/in2.tsv" </dev/null
	assert_output 'w1 w2 w3 w4 a '
}

@test "--mark keeps every record, unchanged, and appends dup_of" {
	stream "$T/in.tsv" 'page a ledger bridge; page b herald bridge; page c ledger tortoise; page d ledger bridge; page e bare bridge trunc=2'
	awk 'BEGIN { FS = OFS = "\t" } NR == 1 { print $0, "dup_of"; next }
	    { print $0, ($1 == "b" || $1 == "d" || $1 == "e") ? "a" : "" }' \
	    "$T/in.tsv" > "$T/expected.tsv"
	dedupe --mark "$T/in.tsv" > "$T/out.tsv"
	run -0 cmp "$T/expected.tsv" "$T/out.tsv"
}

@test "--mark replaces a dup_of column already there, in its place" {
	{ printf 'id\tdup_of\ttext\n'; page a ledger bridge; page b bare bridge; } |
	    awk 'BEGIN { FS = OFS = "\t" } NR > 1 { $3 = $2; $2 = "old" } { print }' > "$T/in.tsv"
	run -0 bash -c 'dedupe -m "$1" | cut -f1,2' _ "$T/in.tsv" </dev/null
	assert_output "$(printf 'id\tdup_of\na\t\nb\ta')"
}

@test "-x drops exact copies only" {
	stream "$T/in.tsv" 'page a ledger bridge; page b ledger bridge upper; page c herald bridge'
	run -0 kept -x "$T/in.tsv" </dev/null
	assert_output 'w1 w2 w3 w4 a c '
}

@test "a threshold of 1 keeps a copy that is not wholly contained" {
	stream "$T/in.tsv" 'page a ledger bridge; page b herald bridge drop=2 add="Officials did not respond to a request for comment."'
	run -0 kept -t 1 "$T/in.tsv" </dev/null
	assert_output 'w1 w2 w3 w4 a b '
}

@test "with -c 1 a copy of a forgotten record is kept" {
	stream "$T/in.tsv" 'page a ledger bridge; page b ledger tortoise; page c herald bridge'
	run -0 kept -c 1 "$T/in.tsv" </dev/null
	assert_output 'w1 w2 w3 w4 a b c '
	run -0 kept -c 2 "$T/in.tsv" </dev/null
	assert_output 'w1 w2 w3 w4 a b '
}

@test "--stats counts the records kept and dropped" {
	stream "$T/in.tsv" 'page a ledger bridge; page b ledger bridge; page c herald bridge'
	run -0 --separate-stderr dedupe --stats -c 3 "$T/in.tsv" </dev/null
	stderr_has '5 kept, 2 dropped (1 exact, 1 near), 3 remembered'
}

@test "--state carries what was seen into the next run" {
	stream "$T/one.tsv" 'page a ledger bridge'
	{ printf 'id\ttext\n'; page b herald bridge drop=2; page c ledger bridge-delay; } > "$T/two.tsv"
	run -0 dedupe --state "$T/state" "$T/one.tsv" </dev/null
	[ -f "$T/state" ]
	run -0 bash -c 'dedupe --state "$1" -m "$2" | cut -f1,3' _ "$T/state" "$T/two.tsv" </dev/null
	assert_output "$(printf 'id\tdup_of\nb\ta\nc\t')"
	# Nothing is left behind but the state itself.
	run -0 ls "$T"
	assert_output "$(printf 'one.tsv\nstate\ntwo.tsv')"
}

@test "a state file made with another n-gram size is refused" {
	stream "$T/one.tsv" 'page a ledger bridge'
	dedupe --state "$T/state" "$T/one.tsv" > /dev/null
	run -2 dedupe -n 4 --state "$T/state" "$T/one.tsv" </dev/null
	assert_output --partial 'state made with -n 5'
}

@test "a state file of an older format version is refused and kept" {
	stream "$T/one.tsv" 'page a ledger bridge'
	dedupe --state "$T/state" "$T/one.tsv" > /dev/null
	# The version is the 32-bit word after the 8-byte magic.
	printf '\001\000\000\000' | dd of="$T/state" bs=1 seek=8 conv=notrunc 2>/dev/null
	cp "$T/state" "$T/old"
	run -2 --separate-stderr dedupe --state "$T/state" "$T/one.tsv" </dev/null
	stderr_has 'state format version 1, this dedupe reads version 2'
	assert_output ''
	run -0 cmp "$T/state" "$T/old"
}

@test "a corrupt state file is an error and is not overwritten" {
	stream "$T/one.tsv" 'page a ledger bridge'
	dedupe --state "$T/state" "$T/one.tsv" > /dev/null
	cp "$T/state" "$T/good"
	# Flip one byte in the middle of the counters.
	printf '\001' | dd of="$T/state" bs=1 seek=500000 conv=notrunc 2>/dev/null
	cp "$T/state" "$T/bad"
	run -2 --separate-stderr dedupe --state "$T/state" "$T/one.tsv" </dev/null
	stderr_has 'corrupt'
	assert_output ''
	run -0 cmp "$T/state" "$T/bad"
}

@test "a truncated state file is an error and is not overwritten" {
	stream "$T/one.tsv" 'page a ledger bridge'
	dedupe --state "$T/state" "$T/one.tsv" > /dev/null
	head -c 1000 "$T/state" > "$T/short"
	cp "$T/short" "$T/copy"
	run -2 dedupe --state "$T/short" "$T/one.tsv" </dev/null
	assert_output --partial 'truncated'
	run -0 cmp "$T/short" "$T/copy"
}

@test "a file that is not a state file is refused" {
	f=$(fixture notstate 'id\ttext\n')
	run -2 dedupe --state "$f" "$f" </dev/null
	assert_output --partial 'not a dedupe state file'
	run -0 cat "$f"
	assert_output "$(printf 'id\ttext')"
}

@test "the saved state honours the cap" {
	stream "$T/one.tsv" 'page a ledger bridge; page b ledger tortoise'
	dedupe -c 2 --state "$T/state" "$T/one.tsv" > /dev/null
	# The cap kept the last two, the bridge and the tortoise; the library
	# story, seen before them, was forgotten.
	{ printf 'id\ttext\n'; page x herald bridge; page y bare tortoise;
	    page z herald library; } > "$T/two.tsv"
	run -0 kept --state "$T/state" "$T/two.tsv" </dev/null
	assert_output 'z '
	# A state file of two records is smaller than one of six.
	dedupe --state "$T/big" "$T/one.tsv" > /dev/null
	[ "$(wc -c < "$T/state")" -lt "$(wc -c < "$T/big")" ]
}

@test "--signatures appends the exact hash, band keys and bins" {
	{ printf 'id\ttext\n'; page a ledger bridge; page b ledger bridge; page c bare tortoise; } > "$T/in.tsv"
	run -0 bash -c 'dedupe -s "$1" | head -1' _ "$T/in.tsv" </dev/null
	assert_output "$(printf 'id\ttext\tdedupe_exact\tdedupe_bands\tdedupe_sig')"
	run -0 bash -c 'dedupe -s "$1" | cut -f3- | sort -u | wc -l' _ "$T/in.tsv" </dev/null
	assert_output 3
	run -0 bash -c 'dedupe -s "$1" | awk -F "\t" "NR == 2 { print \$3, NF, split(\$5, b, \" \") }"' _ "$T/in.tsv" </dev/null
	assert_output --regexp '^[0-9a-f]{16} 5 32$'
}

@test "empty texts are all kept" {
	f=$(fixture empty.tsv 'id\ttext\na\t\nb\t\nc\t \\n \nd\t...\n')
	run -0 kept "$f" </dev/null
	assert_output 'a b c d '
}

@test "one-word texts are compared as exact copies only" {
	f=$(fixture words.tsv 'id\ttext\na\tHello\nb\thello!\nc\tGoodbye\nd\tHello world\n')
	run -0 kept "$f" </dev/null
	assert_output 'a c d '
}

@test "a 10 MB record and invalid UTF-8 pass through" {
	{
		printf 'id\ttext\n'
		awk 'BEGIN { for (i = 0; i < 1200000; i++) printf "word%d ", i % 9973; print "" }' |
		    sed 's/^/big\t/'
		printf 'bad\t\377\376 caf\351 na\303\257ve \300\257 text\n'
		printf 'bad2\t\377\376 caf\351 na\303\257ve \300\257 text\n'
		page a ledger bridge
	} > "$T/in.tsv"
	[ "$(wc -c < "$T/in.tsv")" -gt 10000000 ]
	run -0 kept "$T/in.tsv" </dev/null
	assert_output 'big bad a '
}

@test "input comes from a file, from - and from redirected stdin alike" {
	stream "$T/in.tsv" 'page a ledger bridge; page b herald bridge'
	dedupe "$T/in.tsv" > "$T/file.out"
	dedupe - < "$T/in.tsv" > "$T/dash.out"
	dedupe < "$T/in.tsv" > "$T/stdin.out"
	run -0 cmp "$T/file.out" "$T/dash.out"
	run -0 cmp "$T/file.out" "$T/stdin.out"
}

@test "with -l a record is written before the input ends" {
	stream "$T/in.tsv" ':'
	mkfifo "$T/fifo"
	run -0 bash -c '(head -2 "$1"; sleep 5) > "$2" & timeout 3 dedupe -l "$2" | head -2 | cut -f1' _ "$T/in.tsv" "$T/fifo" </dev/null
	assert_output "$(printf 'id\nw1')"
}

@test "a closed pipe ends dedupe quietly, a full disk is an error" {
	stream "$T/in.tsv" 'page a ledger bridge'
	run -0 --separate-stderr bash -c 'dedupe "$1" | head -1' _ "$T/in.tsv" </dev/null
	[ -z "$stderr" ] || fail "stderr: $stderr"
	run -2 --separate-stderr bash -c 'dedupe "$1" > /dev/full' _ "$T/in.tsv" </dev/null
	stderr_has 'write error'
}
