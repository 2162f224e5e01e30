#!/usr/bin/env bats
# train-entities: train the extract-entities model from news TSV texts and
# gold mentions.  The tiny gold set in fixtures/entities is our own text.

load test_helper

DOCS="$FIXTURES/entities/train-docs.tsv"
GOLD="$FIXTURES/entities/train-gold.tsv"

@test "-h prints the usage on standard output and succeeds" {
	run -0 train-entities -h
	assert_output --partial "usage: train-entities [-hlV]"
}

@test "the gold file and the output are required (exit 2)" {
	run -2 train-entities -o "$BATS_TEST_TMPDIR/m" "$DOCS" </dev/null
	run -2 train-entities -g "$GOLD" "$DOCS" </dev/null
}

@test "a model trained on a tiny gold set gives back its mentions" {
	m="$BATS_TEST_TMPDIR/model"
	run -0 train-entities -b 16 -e 10 -g "$GOLD" -o "$m" "$DOCS" </dev/null
	run -0 extract-entities -M "$m" -m "$DOCS"
	assert_output "$(cat "$GOLD")"
}

@test "a | inside a name becomes a broken bar in the entities column" {
	m="$BATS_TEST_TMPDIR/model"
	train-entities -b 16 -e 10 -g "$GOLD" -o "$m" "$DOCS" </dev/null
	run -0 extract-entities -M "$m" "$DOCS"
	assert_line -n 2 --partial $'\tORG:Smith\u00a6Jones Partners|LOC:Hull|MISC:Yorkshire'
}

@test "the model header records what it was trained on" {
	m="$BATS_TEST_TMPDIR/model"
	train-entities -b 16 -e 2 --note "our tiny test set" -g "$GOLD" -o "$m" - <"$DOCS"
	run -0 head -4 "$m"
	assert_line -n 0 'extract-entities model 1'
	assert_line -n 1 '# trained on: our tiny test set'
	assert_line -n 2 '# 4 records, 17 mentions, 2 epochs, 16 bits'
}

@test "training is repeatable" {
	train-entities -b 16 -e 3 -g "$GOLD" -o "$BATS_TEST_TMPDIR/a" "$DOCS" </dev/null
	train-entities -b 16 -e 3 -g "$GOLD" -o "$BATS_TEST_TMPDIR/b" <"$DOCS"
	cmp "$BATS_TEST_TMPDIR/a" "$BATS_TEST_TMPDIR/b"
}

@test "a gold mention that splits a token is reported and left out" {
	g=$(fixture g.tsv 'id\tstart\tend\ttype\nt1\t0\t3\tPER\nt1\t46\t51\tLOC\n')
	run --separate-stderr -0 train-entities -b 16 -e 1 -g "$g" -o "$BATS_TEST_TMPDIR/m" "$DOCS" </dev/null
	[[ "$stderr" == *"1 of 2 gold mentions"* ]]
	[ -s "$BATS_TEST_TMPDIR/m" ]
}

@test "a malformed gold row is rejected (exit 1) and training goes on" {
	g=$(fixture g.tsv 'id\tstart\tend\ttype\nt1\t0\t14\tPERSON\nt1\tx\t5\tPER\nt1\t46\t51\tLOC\n')
	run --separate-stderr -1 train-entities -b 16 -e 1 -g "$g" -o "$BATS_TEST_TMPDIR/m" "$DOCS" </dev/null
	[[ "$stderr" == *"bad gold mention"* ]]
	[ -s "$BATS_TEST_TMPDIR/m" ]
}

@test "a gold file without the span columns is an error (exit 2)" {
	g=$(fixture g.tsv 'id\ttype\nt1\tPER\n')
	run --separate-stderr -2 train-entities -g "$g" -o "$BATS_TEST_TMPDIR/m" "$DOCS" </dev/null
	[[ "$stderr" == *"no column 'start'"* ]]
}

@test "an unwritable output is an error (exit 2)" {
	run --separate-stderr -2 train-entities -b 16 -e 1 -g "$GOLD" -o /nonexistent/dir/m "$DOCS" </dev/null
	[[ "$stderr" == *"/nonexistent/dir/m"* ]]
}

@test "hostile text (invalid UTF-8, control bytes, empty text) trains without harm" {
	d=$(fixture d.tsv 'id\ttext\nh1\t\nh2\t\xff\xfe Paris \x01\x02 \xc3\nh3\tPeter Novak lives in Brno.\n')
	g=$(fixture g.tsv 'id\tstart\tend\ttype\nh2\t3\t8\tLOC\nh3\t0\t11\tPER\nh3\t21\t25\tLOC\n')
	run -0 train-entities -b 16 -e 5 -g "$g" -o "$BATS_TEST_TMPDIR/m" "$d" </dev/null
	run -0 extract-entities -M "$BATS_TEST_TMPDIR/m" -m "$d"
	assert_line "$(printf 'h3\t0\t11\tPER\tPeter Novak')"
}

@test "without -g the last operand is the gold file" {
	run -0 train-entities -b 16 -e 10 "$DOCS" "$GOLD" -o "$BATS_TEST_TMPDIR/m" </dev/null
	run -0 extract-entities -M "$BATS_TEST_TMPDIR/m" -m "$DOCS"
	assert_output "$(cat "$GOLD")"
	run -2 train-entities -o "$BATS_TEST_TMPDIR/m" "$GOLD" </dev/null
}
