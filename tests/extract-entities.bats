#!/usr/bin/env bats
# extract-entities: names of people, organisations, places and other
# things, as an entities column or as one row per mention with byte
# offsets.  The texts are our own, written for these tests.

load test_helper

NEWS="$FIXTURES/entities/news.tsv"

# Check that every mention row's entity is the text's bytes [start, end):
# read the texts of $1 and the mentions of $2 (id, start, end, type, entity).
check_offsets() {
	LC_ALL=C awk -F'\t' '
	NR == FNR { if (FNR > 1) { t = $2; gsub(/\\n/, "\n", t); text[$1] = t }; next }
	FNR > 1 {
		s = substr(text[$1], $2 + 1, $3 - $2); gsub(/\n/, "\\n", s)
		if (s != $5) { printf "bad span %s %s %s: [%s] != [%s]\n", $1, $2, $3, s, $5; bad = 1 }
		n++
	}
	END { if (n == 0) { print "no mentions"; exit 1 }; exit bad }' "$1" "$2"
}

@test "-h prints the usage on standard output and succeeds" {
	run -0 extract-entities -h
	assert_output --partial "usage: extract-entities [-hlmV]"
}

@test "an unknown option is a usage error" {
	run -2 extract-entities --no-such-option </dev/null
}

@test "appends an entities column listing each record's entities, most frequent first" {
	run -0 extract-entities "$NEWS"
	assert_line -n 0 "$(printf 'id\ttext\tentities')"
	run -0 awk -F'\t' '$1 == "story-4" { print $3 }' <<<"$(extract-entities "$NEWS" </dev/null)"
	assert_output --regexp '^PER:Recep Tayyip Erdogan\|'
	assert_output --partial 'LOC:Berlin'
	assert_output --partial 'ORG:European Union'
}

@test "other columns pass through and an existing entities column is replaced in place" {
	f=$(fixture in.tsv 'lang\tid\tentities\ttext\nen\tx1\told\tAngela Merkel visited Paris on Monday.\n')
	run -0 extract-entities "$f"
	assert_line -n 0 "$(printf 'lang\tid\tentities\ttext')"
	assert_line -n 1 "$(printf 'en\tx1\tPER:Angela Merkel|LOC:Paris\tAngela Merkel visited Paris on Monday.')"
}

@test "-m writes one row per mention with byte offsets, type and text" {
	run -0 extract-entities -m "$NEWS"
	assert_line -n 0 "$(printf 'id\tstart\tend\ttype\tentity')"
	assert_line "$(printf 'story-1\t6\t19\tPER\tHelen Forsyth')"
	assert_line "$(printf 'story-3\t0\t9\tORG\tMicrosoft')"
	extract-entities --mentions "$NEWS" >"$BATS_TEST_TMPDIR/m.tsv" </dev/null
	check_offsets "$NEWS" "$BATS_TEST_TMPDIR/m.tsv"
}

@test "-m keeps part and seq as key columns when the input has them" {
	f=$(fixture in.tsv 'id\tpart\tseq\ttext\nd1\tbody\t3\tThe talks in Geneva ended on Friday.\n')
	run -0 extract-entities -m "$f"
	assert_output "$(printf 'id\tpart\tseq\tstart\tend\ttype\tentity\nd1\tbody\t3\t13\t19\tLOC\tGeneva')"
}

@test "--key names the key columns of -m" {
	f=$(fixture in.tsv 'url\tid\ttext\nhttp://a\td1\tThe talks in Geneva ended on Friday.\n')
	run -0 extract-entities -m --key url "$f"
	assert_output "$(printf 'url\tstart\tend\ttype\tentity\nhttp://a\t13\t19\tLOC\tGeneva')"
	run -2 extract-entities -m -k nosuch "$f"
}

@test "offsets are exact bytes on multi-byte UTF-8 text" {
	f=$(fixture u.tsv 'id\ttext\nu1\tThe café owner José Müller flew from Zürich to São Paulo on Friday.\\nMüller said the trip was “a success”.\n')
	run -0 extract-entities -m "$f"
	assert_line "$(printf 'u1\t16\t29\tPER\tJosé Müller')"
	assert_line "$(printf 'u1\t40\t47\tLOC\tZürich')"
	assert_line "$(printf 'u1\t51\t61\tLOC\tSão Paulo')"
	extract-entities -m "$f" >"$BATS_TEST_TMPDIR/m.tsv" </dev/null
	check_offsets "$f" "$BATS_TEST_TMPDIR/m.tsv"
}

@test "one name keeps one type within a record" {
	f=$(fixture c.tsv 'id\ttext\nc1\tJordan said on Monday that Jordan would not sign.\\nLater Jordan flew to Amman, the capital of Jordan.\\nAides to Jordan denied it.\n')
	extract-entities -m "$f" >"$BATS_TEST_TMPDIR/m.tsv" </dev/null
	run -0 awk -F'\t' 'NR > 1 && $5 == "Jordan" { print $4 }' "$BATS_TEST_TMPDIR/m.tsv"
	[ "$(sort -u <<<"$output" | wc -l)" -eq 1 ]
	[ "$(wc -l <<<"$output")" -eq 5 ]
}

@test "a surname alone is the same entity as the full name mentioned before" {
	run -0 extract-entities "$NEWS"
	assert_line --partial 'PER:Recep Tayyip Erdogan|'
	refute_output --partial 'PER:Erdogan'
	refute_output --partial ':Forsyth|'
	run -0 extract-entities -m "$NEWS"
	assert_line "$(printf 'story-4\t50\t57\tPER\tErdogan')"
}

@test "names in an all-capitals headline are found" {
	run -0 extract-entities -m "$NEWS"
	assert_line "$(printf 'story-2\t0\t6\tLOC\tBRAZIL')"
	assert_line "$(printf 'story-2\t12\t21\tLOC\tARGENTINA')"
}

@test "a headline's capitals and the running text's name are one entity, listed as written in the text" {
	f=$(fixture h.tsv 'id\ttext\nh1\tLEICESTERSHIRE BEAT SOMERSET\\nLONDON 1996-08-30\\nLeicestershire beat Somerset by an innings in London on Friday.\n')
	run -0 extract-entities "$f"
	assert_line -n 1 --partial $'\tORG:Leicestershire|ORG:Somerset|LOC:London'
	run -0 extract-entities -m "$f"
	assert_line "$(printf 'h1\t0\t14\tORG\tLEICESTERSHIRE')"
	assert_line "$(printf 'h1\t47\t61\tORG\tLeicestershire')"
}

@test "a name at the start of a sentence is found" {
	run -0 extract-entities -m "$NEWS"
	assert_line "$(printf 'story-1\t64\t71\tPER\tForsyth')"
	assert_line "$(printf 'story-3\t0\t9\tORG\tMicrosoft')"
}

@test "hyphenated and apostrophe names are one token" {
	run -0 extract-entities -m "$NEWS"
	assert_line "$(printf 'story-5\t0\t12\tPER\tSean O'"'"'Brien')"
	assert_line "$(printf 'story-5\t48\t59\tPER\tOmar al-Bab')"
	assert_line "$(printf 'story-5\t83\t90\tPER\tO'"'"'Brien')"
}

@test "a possessive 's is not part of the name" {
	f=$(fixture p.tsv 'id\ttext\np1\tGermany'"'"'s economy grew, said Chancellor Olaf Brandt'"'"'s office.\n')
	run -0 extract-entities -m "$f"
	assert_line "$(printf 'p1\t0\t7\tLOC\tGermany')"
	refute_output --partial "Germany's"
}

@test "reads a file operand, - and redirected standard input alike" {
	run -0 extract-entities "$NEWS"
	a=$output
	run -0 extract-entities - <"$NEWS"
	assert_output "$a"
	run -0 extract-entities <"$NEWS"
	assert_output "$a"
}

@test "records are written as they are read with -l" {
	run -0 bash -c 'head -2 "$1" | extract-entities -l' _ "$NEWS"
	assert_line -n 1 --partial 'story-1'
}

@test "empty text gives an empty entities column and no mentions" {
	f=$(fixture e.tsv 'id\ttext\ne1\t\ne2\t   \\n\\n  \n')
	run -0 extract-entities "$f"
	assert_output "$(printf 'id\ttext\tentities\ne1\t\t\ne2\t   \\n\\n  \t')"
	run -0 extract-entities -m "$f"
	assert_output "$(printf 'id\tstart\tend\ttype\tentity')"
}

@test "invalid UTF-8 is kept byte for byte and offsets stay exact" {
	f=$(fixture bad.tsv 'id\ttext\nb1\tPrime minister \xff\xfeJohn Smith\xc3 visited Paris.\n')
	run -0 extract-entities -m "$f"
	assert_line "$(printf 'b1\t17\t27\tPER\tJohn Smith')"
	assert_line "$(printf 'b1\t37\t42\tLOC\tParis')"
}

@test "binary-ish bytes and a 10 MB one-line field do not break it" {
	f="$BATS_TEST_TMPDIR/big.tsv"
	{
		printf 'id\ttext\n'
		printf 'bin\t\x01\x02\x7f\x80\x81 Paris \x1b[0m\\t\\r Word\n'
		printf 'big\t'
		awk 'BEGIN { s = "Angela Merkel met Jacques Chirac in Bonn. "; for (i = 0; i < 240000; i++) printf "%s", s }'
		printf '\n'
		printf 'after\tThe talks in Geneva ended.\n'
	} >"$f"
	run -0 extract-entities "$f"
	assert_line -n 3 "$(printf 'after\tThe talks in Geneva ended.\tLOC:Geneva')"
	run -0 awk -F'\t' '$1 == "big" { print substr($3, 1, 200) }' <<<"$output"
	assert_output --regexp '^(PER|LOC):'
}

@test "a malformed record is reported and the others go on (exit 1)" {
	f=$(fixture m.tsv 'id\ttext\n1\tone\ttoo many\n2\tThe talks in Geneva ended.\n')
	run --separate-stderr -1 extract-entities "$f"
	assert_line 'LOC:Geneva' || assert_output --partial 'LOC:Geneva'
	[[ "$stderr" == *"expected 2 fields"* ]]
}

@test "a missing text column is an error (exit 2)" {
	f=$(fixture n.tsv 'id\tbody\n1\tx\n')
	run --separate-stderr -2 extract-entities "$f"
	[[ "$stderr" == *"no column 'text'"* ]]
}

@test "-f names the text column" {
	f=$(fixture b.tsv 'id\tbody\n1\tThe talks in Geneva ended.\n')
	run -0 extract-entities -f body "$f"
	assert_line -n 1 "$(printf '1\tThe talks in Geneva ended.\tLOC:Geneva')"
}

@test "-M loads a model file and rejects one that is not a model" {
	f=$(fixture notmodel 'hello\n')
	run --separate-stderr -2 extract-entities -M "$f" "$NEWS"
	[[ "$stderr" == *"not an extract-entities model"* ]]
	run --separate-stderr -2 extract-entities -M "$BATS_TEST_TMPDIR/none" "$NEWS"
	t=$(fixture trunc 'extract-entities model 1\nbits 16\nscale 0.5\ndata\n\x01\x02')
	run --separate-stderr -2 extract-entities -M "$t" "$NEWS"
	[[ "$stderr" == *"truncated model"* ]]
}

@test "output into a closed pipe ends quietly" {
	run -0 bash -c 'extract-entities "$1" "$1" "$1" | head -1' _ "$NEWS"
	assert_output "$(printf 'id\ttext\tentities')"
}

@test "a full disk is an error (exit 2)" {
	run -2 bash -c 'extract-entities "$1" > /dev/full' _ "$NEWS"
}
