#!/usr/bin/env bats
# summarize: sentence splitting, headline detection, the limits on the
# summary, the per-sentence mode, pass-through of other columns and hostile
# input.  The texts are written for these tests.

load test_helper

# Print the sentences summarize finds in the news-TSV field TEXT (escapes
# as in the format, so \n is a line end), one a line, headline included.
split_text() {
	printf 'id\ttext\nd\t%s\n' "$1" > "$BATS_TEST_TMPDIR/split.tsv"
	summarize -s "$BATS_TEST_TMPDIR/split.tsv" > "$BATS_TEST_TMPDIR/split.out" ||
	    return
	tail -n +2 "$BATS_TEST_TMPDIR/split.out" | cut -f 7
}

# Print the summary of the field TEXT with the options given after it, its
# lines (escaped as \n) turned into real lines.
summary_of() {
	local text=$1
	shift
	printf 'id\ttext\nd\t%s\n' "$text" > "$BATS_TEST_TMPDIR/sum.tsv"
	summarize "$@" "$BATS_TEST_TMPDIR/sum.tsv" > "$BATS_TEST_TMPDIR/sum.out" ||
	    return
	tail -n +2 "$BATS_TEST_TMPDIR/sum.out" | cut -f 3 | sed 's/\\n/\n/g'
}

@test "-h prints the usage on standard output and succeeds" {
	run -0 summarize -h </dev/null
	assert_line -n 0 --partial 'usage: summarize [-hlsV] [-a file]'
}

@test "an unknown option is a usage error" {
	run -2 --separate-stderr summarize --bogus </dev/null
	assert_output ''
}

@test "a count of 0 or a bad weight is a usage error" {
	run -2 --separate-stderr summarize -n 0 </dev/null
	[[ $stderr == *'-n 0: too small'* ]]
	run -2 --separate-stderr summarize --weights speed=2 </dev/null
	[[ $stderr == *'unknown name speed'* ]]
	run -2 --separate-stderr summarize --weights position=x </dev/null
	[[ $stderr == *'bad number'* ]]
}

@test "a missing text column is an error" {
	f=$(fixture nt.tsv 'id\tbody\n1\tHello there.\n')
	run -2 --separate-stderr summarize "$f"
	[[ $stderr == *'text'* ]]
}

@test "appends a summary column and passes the other columns through" {
	run -0 summarize "$FIXTURES/summarize/article.tsv"
	assert_line -n 0 "$(printf 'id\ttext\tsource\tsummary')"
	run -0 bash -o pipefail -c 'summarize "$1" | cut -f 1-3' _ "$FIXTURES/summarize/article.tsv"
	assert_output "$(cat "$FIXTURES/summarize/article.tsv")"
}

@test "an existing summary column keeps its place and is replaced" {
	f=$(fixture s.tsv 'summary\tid\ttext\nold\t1\tThe pier reopened today. Boats came back.\n')
	run -0 summarize -n 1 "$f"
	assert_output "$(printf 'summary\tid\ttext\nThe pier reopened today.\t1\tThe pier reopened today. Boats came back.')"
}

@test "reads a file operand, - and redirected standard input alike" {
	f=$FIXTURES/summarize/article.tsv
	run -0 summarize "$f"
	a=$output
	run -0 summarize - <"$f"
	assert_output "$a"
	run -0 summarize <"$f"
	assert_output "$a"
}

@test "with -l a record is written before the input ends" {
	mkfifo "$BATS_TEST_TMPDIR/in"
	summarize -l <"$BATS_TEST_TMPDIR/in" >"$BATS_TEST_TMPDIR/out" 3>&- &
	exec 7>"$BATS_TEST_TMPDIR/in"
	printf 'id\ttext\n1\tThe ferry left. It came back.\n' >&7
	for i in $(seq 100); do
		[ "$(wc -l <"$BATS_TEST_TMPDIR/out")" -ge 2 ] && break
		sleep 0.1
	done
	run -0 cat "$BATS_TEST_TMPDIR/out"
	exec 7>&-
	wait
	assert_line -n 1 --partial 'The ferry left.'
}

@test "titles and ranks do not end a sentence" {
	run -0 split_text 'Mr. Pike met Gen. Ward and Lt. Col. Ray Hunt at the pier. They talked for an hour.'
	assert_output "$(printf '%s\n' 'Mr. Pike met Gen. Ward and Lt. Col. Ray Hunt at the pier.' 'They talked for an hour.')"
}

@test "U.S. ends a sentence only before a sentence starter" {
	run -0 split_text 'Troops left the U.S. Army base at dawn. They flew back to the U.S. The trip took a day.'
	assert_output "$(printf '%s\n' 'Troops left the U.S. Army base at dawn.' 'They flew back to the U.S.' 'The trip took a day.')"
}

@test "No. and month abbreviations go on before a number" {
	run -0 split_text 'The rule took effect on Jan. 1 at No. 5 Quay Street. Nobody said no. Then it rained.'
	assert_output "$(printf '%s\n' 'The rule took effect on Jan. 1 at No. 5 Quay Street.' 'Nobody said no.' 'Then it rained.')"
}

@test "initials do not end a sentence" {
	run -0 split_text 'The novel by J. R. R. Tolkien sold out at the fair. Readers queued for hours.'
	assert_output "$(printf '%s\n' 'The novel by J. R. R. Tolkien sold out at the fair.' 'Readers queued for hours.')"
}

@test "decimals and amounts do not end a sentence" {
	run -0 split_text 'Profit rose to $2.5bn, up 10.5% on the 3.7 a year ago. Shares fell 0.4 points.'
	assert_output "$(printf '%s\n' 'Profit rose to $2.5bn, up 10.5% on the 3.7 a year ago.' 'Shares fell 0.4 points.')"
}

@test "an ellipsis ends a sentence only before a capital" {
	run -0 split_text 'He paused... and went on. Then he stopped… The crowd waited.'
	assert_output "$(printf '%s\n' 'He paused... and went on.' 'Then he stopped…' 'The crowd waited.')"
}

@test "a quotation ending with .\" or ?\" is split only before a capital" {
	run -0 split_text '"Is it over?" she asked. "It is over." Then she left. ‘We won.’ Fans cheered.'
	assert_output "$(printf '%s\n' '"Is it over?" she asked.' '"It is over."' 'Then she left.' '‘We won.’' 'Fans cheered.')"
}

@test "URLs and e-mail addresses do not split a sentence" {
	run -0 split_text 'See www.example.com/news?id=4 or example.org/a.b for more. Write to jo.hart@example.org. Replies come fast.'
	assert_output "$(printf '%s\n' 'See www.example.com/news?id=4 or example.org/a.b for more.' 'Write to jo.hart@example.org.' 'Replies come fast.')"
}

@test "bullet lines and headings without a stop stand alone" {
	run -0 split_text 'The board met on Tuesday.\nKey points\n- Fares rise in April\n* Season tickets cost more\n• The pier is repaired\nThat is all.'
	assert_output "$(printf '%s\n' 'The board met on Tuesday.' 'Key points' 'Fares rise in April' 'Season tickets cost more' 'The pier is repaired' 'That is all.')"
}

@test "a line wrapped in mid-sentence is joined" {
	run -0 split_text 'The board voted to raise\nfares in April. Nobody was surprised.'
	assert_output "$(printf '%s\n' 'The board voted to raise fares in April.' 'Nobody was surprised.')"
}

@test "numbered list items are not split after their number" {
	run -0 split_text 'Steps to take.\n1. Buy a ticket before boarding.\n2. Keep it until the end.'
	assert_output "$(printf '%s\n' 'Steps to take.' '1. Buy a ticket before boarding.' '2. Keep it until the end.')"
}

@test "an abbreviation list given with -a replaces the built-in one" {
	run -0 split_text 'Ask Capt. Reed at the quay. He knows.'
	assert_output "$(printf '%s\n' 'Ask Capt. Reed at the quay.' 'He knows.')"
	a=$(fixture abbr.txt '# test list\ntitle\tQy\n')
	printf 'id\ttext\nd\tAsk Capt. Reed at the Qy. Lane.\n' > "$BATS_TEST_TMPDIR/a.tsv"
	run -0 bash -o pipefail -c 'summarize -s -a "$1" "$2" | cut -f 7' _ "$a" "$BATS_TEST_TMPDIR/a.tsv"
	assert_output "$(printf '%s\n' sentence 'Ask Capt.' 'Reed at the Qy. Lane.')"
}

@test "a malformed abbreviation list is an error naming its line" {
	a=$(fixture abbr.txt 'title\tMr\nshort\n')
	run -2 --separate-stderr summarize -a "$a" </dev/null
	[[ $stderr == *'abbr.txt:2:'* ]]
	run -2 --separate-stderr summarize -a "$BATS_TEST_TMPDIR/none.txt" </dev/null
	[[ $stderr == *'none.txt'* ]]
}

@test "a stop word list must be in lower case" {
	s=$(fixture stop.txt 'the\nAnd\n')
	run -2 --separate-stderr summarize --stopwords "$s" </dev/null
	[[ $stderr == *'And'* ]]
}

@test "a first line that reads as a headline is not part of the summary" {
	run -0 split_text 'Ferry fares to rise\n\nThe board raised ferry fares. Fares rise in April.'
	assert_line -n 0 'Ferry fares to rise'
	run -0 bash -o pipefail -c 'cut -f 2,6 "$1"' _ "$BATS_TEST_TMPDIR/split.out"
	assert_line -n 1 "$(printf '0\theadline')"
	run -0 summary_of 'Ferry fares to rise\n\nThe board raised ferry fares. Fares rise in April.'
	assert_output "$(printf '%s\n' 'The board raised ferry fares.' 'Fares rise in April.')"
}

@test "a first line that ends with a stop is a sentence of the body" {
	run -0 split_text 'The ferry left.\nIt came back.'
	run -0 bash -o pipefail -c 'cut -f 2,6 "$1"' _ "$BATS_TEST_TMPDIR/split.out"
	assert_line -n 1 "$(printf '1\tsummary')"
}

@test "a text of only a headline is its own summary" {
	run -0 summary_of 'Ferry fares to rise\n'
	assert_output 'Ferry fares to rise'
}

@test "a text of one sentence is its own summary" {
	run -0 summary_of 'The ferry left at noon.'
	assert_output 'The ferry left at noon.'
}

@test "an empty text or one without words gives an empty summary" {
	f=$(fixture e.tsv 'id\ttext\tx\n1\t\ta\n2\t... !! ?\tb\n3\t   \\n\\n  \tc\n')
	run -0 summarize "$f"
	assert_output "$(printf 'id\ttext\tx\tsummary\n1\t\ta\t\n2\t... !! ?\tb\t\n3\t   \\n\\n  \tc\t')"
	run -0 summarize -s "$f"
	assert_output "$(printf 'id\tn\tstart\tend\tscore\trole\tsentence')"
}

@test "-n sets the number of sentences" {
	run -0 bash -o pipefail -c 'summarize -n 1 "$1" | cut -f 4' _ "$FIXTURES/summarize/article.tsv"
	refute_output --partial '\n'
	run -0 bash -o pipefail -c 'summarize -n 5 "$1" | sed -n 2p | cut -f 4 | grep -o "\\\\n" | wc -l' _ "$FIXTURES/summarize/article.tsv"
	assert_output 4
}

@test "-n larger than the text takes every sentence" {
	run -0 summary_of 'One ferry left. Another came. Both were late.' -n 10
	assert_output "$(printf '%s\n' 'One ferry left.' 'Another came.' 'Both were late.')"
}

@test "-r takes a share of the sentences" {
	run -0 summary_of 'One ferry left. Another came. Both were late. Nobody minded much. The sun shone. All was well.' -r 50
	assert_equal "$(printf '%s\n' "$output" | wc -l)" 3
	run -0 summary_of 'One ferry left. Another came. Both were late.' -r 1
	assert_equal "$(printf '%s\n' "$output" | wc -l)" 1
}

@test "the word budget is never exceeded and a shorter sentence may fill it" {
	run -0 bash -o pipefail -c 'summarize -w 25 "$1" | tail -n +2 | cut -f 4 | sed "s/\\\\n/ /g" | awk "{ if (NF > 25) exit 1; n += NF } END { if (n == 0) exit 1 }"' _ "$FIXTURES/summarize/article.tsv"
	run -0 summary_of 'The harbour board voted on Tuesday to raise every ferry fare in the bay. Fares rise.' -w 5
	assert_output 'Fares rise.'
	run -0 summary_of 'The harbour board voted on Tuesday to raise every ferry fare.' -w 3
	assert_output ''
}

@test "the chosen sentences come in document order" {
	text='Boats sail. Gulls fly over the quay. Rain fell at night. Boats and gulls stayed by the quay in the rain all night.'
	run -0 summary_of "$text" -n 2 --weights position=0,centrality=1,length=0,redundancy=0
	assert_line -n 1 'Boats and gulls stayed by the quay in the rain all night.'
	assert_equal "${#lines[@]}" 2
}

@test "--lead takes the first sentences of the body" {
	run -0 summary_of 'Fares rise\nThe board met. Fares rose. Tickets cost more. The pier was mended.' --lead
	assert_output "$(printf '%s\n' 'The board met.' 'Fares rose.' 'Tickets cost more.')"
}

@test "redundancy removal passes over a repeated sentence" {
	text='The harbour board raised ferry fares on Tuesday. The harbour board raised ferry fares on Tuesday. Season tickets for commuters will cost more from April.'
	run -0 summary_of "$text" -n 2 --weights position=0,centrality=1,length=0,redundancy=2
	assert_output "$(printf '%s\n' 'The harbour board raised ferry fares on Tuesday.' 'Season tickets for commuters will cost more from April.')"
}

@test "-s writes one row per sentence with offsets into the unescaped text" {
	f=$(fixture o.tsv 'id\ttext\nk\tAb cd.\\nEf \\\\ gh.\n')
	run -0 bash -o pipefail -c 'summarize -s "$1" | cut -f 1-4,6,7' _ "$f"
	assert_output "$(printf 'id\tn\tstart\tend\trole\tsentence\nk\t1\t0\t6\tsummary\tAb cd.\nk\t2\t7\t15\tsummary\tEf \\\\ gh.')"
}

@test "-s keeps the part and seq key columns" {
	f=$(fixture p.tsv 'seq\ttext\tid\tpart\tx\n7\tOne. Two.\td\tbody\ty\n')
	run -0 bash -o pipefail -c 'summarize -s "$1" | cut -f 1-4' _ "$f"
	assert_output "$(printf 'id\tpart\tseq\tn\nd\tbody\t7\t1\nd\tbody\t7\t2')"
}

@test "-f names another text column" {
	f=$(fixture f.tsv 'id\tbody\n1\tThe ferry left. It came back. Then it sank. Nobody was hurt.\n')
	run -0 summarize -f body -n 1 "$f"
	assert_line -n 1 "$(printf '1\tThe ferry left. It came back. Then it sank. Nobody was hurt.\tThe ferry left.')"
}

@test "a malformed record is rejected and the others summarized" {
	f=$(fixture m.tsv 'id\ttext\n1\tGood one.\n2\tbad\\q\n3\tAlso good.\n')
	run -1 --separate-stderr summarize "$f"
	assert_output "$(printf 'id\ttext\tsummary\n1\tGood one.\tGood one.\n3\tAlso good.\tAlso good.')"
	[[ $stderr == *'bad escape'* ]]
}

@test "a 10 MB single-line text is summarized" {
	awk 'BEGIN { printf "id\ttext\nbig\t"; s = "The ferry left the harbour at dawn. "; for (i = 0; i < 290000; i++) printf "%s", s; printf "\n" }' > "$BATS_TEST_TMPDIR/big.tsv"
	run -0 bash -o pipefail -c 'summarize "$1" | tail -n 1 | cut -f 3' _ "$BATS_TEST_TMPDIR/big.tsv"
	assert_output 'The ferry left the harbour at dawn.\nThe ferry left the harbour at dawn.\nThe ferry left the harbour at dawn.'
}

@test "a 10 MB text without a stop or a space is one sentence" {
	awk 'BEGIN { printf "id\ttext\nbig\t"; for (i = 0; i < 1000000; i++) printf "abcdefghij"; printf "\n" }' > "$BATS_TEST_TMPDIR/word.tsv"
	run -0 bash -o pipefail -c 'summarize -s "$1" | tail -n +2 | cut -f 2-4,6' _ "$BATS_TEST_TMPDIR/word.tsv"
	assert_output "$(printf '1\t0\t10000000\tsummary')"
}

@test "invalid UTF-8 and control bytes are kept byte for byte" {
	printf 'id\ttext\n1\tCaf\xe9 opened. The \x01\x02 sign fell \xe2\x80. Then \xff\xfe rain.\n' > "$BATS_TEST_TMPDIR/bad.tsv"
	run -0 bash -o pipefail -c 'summarize -n 3 "$1" | tail -n 1 | cut -f 3 | od -An -c | tr -s " \n" " "' _ "$BATS_TEST_TMPDIR/bad.tsv"
	printf 'Caf\xe9 opened.\\nThe \x01\x02 sign fell \xe2\x80.\\nThen \xff\xfe rain.\n' > "$BATS_TEST_TMPDIR/want"
	assert_output "$(od -An -c "$BATS_TEST_TMPDIR/want" | tr -s ' \n' ' ')"
}

@test "a closed pipe ends quietly and a full disk is an error" {
	run -0 --separate-stderr bash -c 'for i in $(seq 2000); do cat "$1"; done | summarize | head -n 1' _ "$FIXTURES/summarize/article.tsv"
	[ -z "$stderr" ]
	run -2 --separate-stderr bash -c 'summarize "$1" > /dev/full' _ "$FIXTURES/summarize/article.tsv"
	[[ $stderr == *'summarize'* ]]
}

@test "a long first line without a stop is not a headline" {
	run -0 split_text 'one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen seventeen eighteen nineteen twenty twenty-one twenty-two twenty-three twenty-four twenty-five twenty-six\nThe ferry left.'
	run -0 bash -o pipefail -c 'cut -f 2,6 "$1"' _ "$BATS_TEST_TMPDIR/split.out"
	refute_line --partial headline
}

@test "a sentence of stop words only can be chosen" {
	run -0 summary_of 'It is what it is.'
	assert_output 'It is what it is.'
}

@test "a tiny word budget over a text of many sentences ends quickly" {
	awk 'BEGIN { printf "id\ttext\nmany\t"; for (i = 0; i < 100000; i++) printf "The ferry number %d left the harbour at dawn. ", i; printf "\n" }' > "$BATS_TEST_TMPDIR/many.tsv"
	run -0 bash -o pipefail -c 'timeout 60 summarize -w 1 "$1" | cut -f 3' _ "$BATS_TEST_TMPDIR/many.tsv"
	assert_output "$(printf 'summary\n')"
}
