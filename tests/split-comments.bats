#!/usr/bin/env bats
# split-comments: one body record and one record per reader comment, with
# author, seq, parent and date right for every platform's layout.

load test_helper

SC="$BATS_TEST_DIRNAME/fixtures/split-comments"

# Print news TSV made of the page files given, each a record whose id is
# the file's base name.
pages() {
	printf 'id\ttext\n'
	for f in "$@"; do
		printf '%s\t' "$(basename "$f" .txt)"
		awk 'BEGIN { ORS = "" }
		    { gsub(/\\/, "\\\\"); gsub(/\t/, "\\t"); gsub(/\r/, "\\r")
		      if (NR > 1) print "\\n"; print }' "$f"
		printf '\n'
	done
}

# Split one fixture page and keep id, part, seq, parent, author and date.
layout() {
	pages "$SC/$1.txt" > "$BATS_TEST_TMPDIR/in.tsv"
	split-comments "$BATS_TEST_TMPDIR/in.tsv" | cut -f 1,3-7 | tail -n +2
}

# Print the text of record n (1 = the body) of one split fixture page,
# unescaped.
text_of() {
	pages "$SC/$1.txt" > "$BATS_TEST_TMPDIR/in.tsv"
	split-comments "$BATS_TEST_TMPDIR/in.tsv" |
	    awk -F '\t' -v n="$2" 'NR == n + 1 { gsub(/\\n/, "\n"); print $2 }'
}

@test "WordPress: 'Name says:' and date lines, replies nested by indentation three deep" {
	run -0 layout wordpress
	assert_output "$(printf '%s\n' \
	    'wordpress	body	0	0		' \
	    'wordpress	comment	1	0	Morag Leslie	2025-03-02T18:02' \
	    'wordpress	comment	2	1	Duncan Fyfe	2025-03-02T19:15' \
	    'wordpress	comment	3	2	Morag Leslie	2025-03-02T20:40' \
	    'wordpress	comment	4	0	Ewan Sutherland	2025-03-03T09:12')"
}

@test "WordPress: a comment's text holds only its words" {
	run -0 text_of wordpress 2
	assert_output 'Eleven weeks sounds optimistic. The last repair took twice that.'
	run -0 text_of wordpress 5
	assert_output 'Will the harbour car park stay open during the works?'
}

@test "WordPress: the body keeps the article and the reply form, not the comments" {
	run -0 text_of wordpress 1
	assert_output --partial 'started on Monday, three months after the January gales'
	assert_output --partial '“We have lost a season of landings already,” said Duncan Fyfe'
	assert_output --partial 'Leave a Reply'
	refute_output --partial 'Eleven weeks sounds optimistic'
	refute_output --partial 'says:'
	refute_output --partial '3 Responses to'
}

@test "wpDiscuz: control block, badges, votes and 'Reply to Name' three deep" {
	run -0 layout wpdiscuz
	assert_output "$(printf '%s\n' \
	    'wpdiscuz	body	0	0		' \
	    'wpdiscuz	comment	1	0	Petra Novak	3 days ago' \
	    'wpdiscuz	comment	2	1	Lotte Haversham	2 days ago' \
	    'wpdiscuz	comment	3	2	Petra Novak	2 days ago' \
	    'wpdiscuz	comment	4	0	Hamid Qureshi	1 day ago')"
	run -0 text_of wpdiscuz 3
	assert_output 'I tried the tubes last year and the mice ate them.'
	run -0 text_of wpdiscuz 1
	refute_output --partial 'Newest Oldest Most Voted'
	refute_output --partial 'Cardboard tubes'
}

@test "Blogger: 'N comments:', 'Name said...' and the time stamp under the words" {
	run -0 layout blogger
	assert_output "$(printf '%s\n' \
	    'blogger	body	0	0		' \
	    'blogger	comment	1	0	Bryn Teague	2025-03-09T08:15' \
	    'blogger	comment	2	0	Anonymous	9 March 2025 at 12:30' \
	    'blogger	comment	3	0	Rhona	2025-03-09T19:02')"
	run -0 text_of blogger 3
	assert_output 'Is the path down from the force still closed after the landslip?'
}

@test "TypePad: 'Posted by: Name | date' closes each comment" {
	run -0 layout typepad
	assert_output "$(printf '%s\n' \
	    'typepad	body	0	0		' \
	    'typepad	comment	1	0	Nell Ashdown	2025-03-03T10:41' \
	    'typepad	comment	2	0	Karim Selby	2025-03-03T14:17' \
	    'typepad	comment	3	0	Tobias Wren	2025-03-04T09:05')"
	run -0 text_of typepad 2
	assert_output 'My grandmother worked there in the fifties. She came home with blue hands every day.'
	run -0 text_of typepad 1
	assert_output --partial 'Posted by Tobias Wren on March 02, 2025 | Permalink'
	refute_output --partial 'blue hands'
}

@test "numbered comments: a number restarting at 1 nests the reply three deep" {
	run -0 layout numbered
	assert_output "$(printf '%s\n' \
	    'numbered	body	0	0		' \
	    'numbered	comment	1	0	Jonah Pike	03.02.25 at 10:14' \
	    'numbered	comment	2	1	Edith Carrow	03.02.25 at 11:30' \
	    'numbered	comment	3	2	Jonah Pike	03.02.25 at 12:02' \
	    'numbered	comment	4	2	Ruth Ambler	03.02.25 at 18:45')"
}

@test "'Comments (N)' with 'in reply to Name' and '@Name' replies" {
	run -0 layout counted
	assert_output "$(printf '%s\n' \
	    'counted	body	0	0		' \
	    'counted	comment	1	0	Nadia Ferris	2025-04-04T08:14' \
	    'counted	comment	2	1	Colm Daly	2025-04-04T09:02' \
	    'counted	comment	3	2	Fay Lindqvist	2025-04-04T10:40')"
	run -0 text_of counted 3
	assert_output 'The county says a demand-responsive minibus will cover the late runs.'
	run -0 text_of counted 2
	refute_output --partial 'Like (12)'
}

@test "forum-style 'Name wrote:' lines without dates or header" {
	run -0 layout forum
	assert_output "$(printf '%s\n' \
	    'forum	body	0	0		' \
	    'forum	comment	1	0	Martin Gilchrist	' \
	    'forum	comment	2	0	Aoife Brennan	' \
	    'forum	comment	3	0	Martin Gilchrist	')"
}

@test "a comment that quotes the article keeps the quote, and the article stays whole" {
	run -0 text_of quote 2
	assert_output "$(printf '%s\n' \
	    '“The Vale Cider Company will buy apples from Normandy for the first time in its history.”' \
	    'I remember them doing exactly that in 1976, so not the first time at all.')"
	run -0 text_of quote 1
	assert_output --partial 'A late frost in April has cut the cider apple harvest'
	assert_output --partial 'The Vale Cider Company will buy apples from Normandy for the first time in its history.'
	refute_output --partial 'I remember them'
}

@test "a page with only a comment form gives one record, its text unchanged" {
	pages "$SC/formonly.txt" > "$BATS_TEST_TMPDIR/in.tsv"
	run -0 split-comments "$BATS_TEST_TMPDIR/in.tsv"
	assert_equal "${#lines[@]}" 2
	assert_line -n 1 "$(tail -n 1 "$BATS_TEST_TMPDIR/in.tsv")	body	0	0		"
}

@test "an article that talks about comments is not cut" {
	pages "$SC/wordcomments.txt" > "$BATS_TEST_TMPDIR/in.tsv"
	run -0 split-comments "$BATS_TEST_TMPDIR/in.tsv"
	assert_equal "${#lines[@]}" 2
	assert_line -n 1 "$(tail -n 1 "$BATS_TEST_TMPDIR/in.tsv")	body	0	0		"
}

@test "a Disqus placeholder is not a comment" {
	run -0 layout disqus
	assert_output 'disqus	body	0	0		'
}

@test "-c writes only the comments and -b only the bodies" {
	pages "$SC/wordpress.txt" "$SC/formonly.txt" > "$BATS_TEST_TMPDIR/in.tsv"
	run -0 split-comments -c "$BATS_TEST_TMPDIR/in.tsv"
	assert_equal "${#lines[@]}" 5
	refute_output --partial '	body	'
	run -0 split-comments --body-only "$BATS_TEST_TMPDIR/in.tsv"
	assert_equal "${#lines[@]}" 3
	refute_output --partial '	comment	'
}

@test "-b and -c together are a usage error" {
	run -2 --separate-stderr split-comments -b -c </dev/null
	[[ $stderr == *'exclude each other'* ]]
}

@test "other columns pass through in order, and the new ones are appended" {
	f=$(fixture in.tsv 'url\tid\ttext\tlang\nhttp://x/1\tp1\tIntro line\\n\\nGreat story.\\n\\nAnna says:\\nMay 2, 2024 at 3:04 pm\\nI agree.\\n\\nBo says:\\nMay 2, 2024 at 5:00 pm\\nI do not.\ten\n')
	run -0 split-comments "$f"
	assert_line -n 0 "$(printf 'url\tid\ttext\tlang\tpart\tseq\tparent\tauthor\tdate')"
	assert_line -n 1 "$(printf 'http://x/1\tp1\tIntro line\\n\\nGreat story.\\n\\n\ten\tbody\t0\t0\t\t')"
	assert_line -n 2 "$(printf 'http://x/1\tp1\tI agree.\ten\tcomment\t1\t0\tAnna\t2024-05-02T15:04')"
	assert_line -n 3 "$(printf 'http://x/1\tp1\tI do not.\ten\tcomment\t2\t0\tBo\t2024-05-02T17:00')"
}

@test "an input author or date column keeps its place and its value on the body" {
	f=$(fixture in.tsv 'id\tauthor\ttext\tdate\np1\tJo Byline\tStory.\\n\\nAnna says:\\nMay 2, 2024 at 3:04 pm\\nI agree.\\n\\nBo says:\\nMay 3, 2024 at 3:04 pm\\nNo.\t2024-05-01\n')
	run -0 split-comments "$f"
	assert_line -n 0 "$(printf 'id\tauthor\ttext\tdate\tpart\tseq\tparent')"
	assert_line -n 1 "$(printf 'p1\tJo Byline\tStory.\\n\\n\t2024-05-01\tbody\t0\t0')"
	assert_line -n 2 "$(printf 'p1\tAnna\tI agree.\t2024-05-02T15:04\tcomment\t1\t0')"
}

@test "-f names another text column" {
	f=$(fixture in.tsv 'id\tpage\np1\tStory.\\n\\nAnna says:\\nMay 2, 2024 at 3:04 pm\\nI agree.\\n\\nBo says:\\nMay 3, 2024 at 3:04 pm\\nNo.\n')
	run -0 split-comments -f page -c "$f"
	assert_line -n 1 "$(printf 'p1\tI agree.\tcomment\t1\t0\tAnna\t2024-05-02T15:04')"
	run -2 --separate-stderr split-comments "$f"
	[[ $stderr == *'text'* ]]
}

@test "reads a file operand, - and redirected standard input alike" {
	pages "$SC/blogger.txt" > "$BATS_TEST_TMPDIR/in.tsv"
	run -0 split-comments "$BATS_TEST_TMPDIR/in.tsv"
	a=$output
	run -0 split-comments - <"$BATS_TEST_TMPDIR/in.tsv"
	assert_output "$a"
	run -0 split-comments <"$BATS_TEST_TMPDIR/in.tsv"
	assert_output "$a"
}

@test "a patterns file replaces a section: without date patterns TypePad is not found" {
	p=$(fixture pats.txt '[date]\nnothing-matches-this-line\n')
	run -0 layout typepad
	assert_line -n 1 --partial 'Nell Ashdown'
	pages "$SC/typepad.txt" > "$BATS_TEST_TMPDIR/in.tsv"
	run -0 split-comments -p "$p" -c "$BATS_TEST_TMPDIR/in.tsv"
	assert_output "$(printf 'id\ttext\tpart\tseq\tparent\tauthor\tdate')"
}

@test "a patterns file's lines that call the defines or need a closing bracket are found" {
	p=$(fixture pats.txt '[header]\n[a-z]+\\s*\\((?<n>\\d+)\\)\n[end]\n(?&W)?post\\s+a\\s+comment\n')
	sed 's/^3 comments:$/Comments (3)/' "$SC/blogger.txt" \
	    > "$BATS_TEST_TMPDIR/page.txt"
	pages "$BATS_TEST_TMPDIR/page.txt" > "$BATS_TEST_TMPDIR/in.tsv"
	run -0 split-comments -p "$p" -c "$BATS_TEST_TMPDIR/in.tsv"
	assert_line -n 1 --partial 'Bryn Teague'
	assert_line -n 3 --partial 'Rhona'
	# the header opens the section, so the body is without it
	run -0 split-comments -p "$p" -b "$BATS_TEST_TMPDIR/in.tsv"
	refute_output --partial 'Comments (3)'
	assert_output --partial 'Walking the Fells'
}

@test "a bad patterns file is an error" {
	p=$(fixture pats.txt '[header]\n(unclosed\n')
	run -2 --separate-stderr split-comments -p "$p" </dev/null
	[[ $stderr == *'header'* ]]
	p=$(fixture pats2.txt '[nosuch]\nx\n')
	run -2 --separate-stderr split-comments -p "$p" </dev/null
	[[ $stderr == *'unknown section'* ]]
	run -2 --separate-stderr split-comments -p "$BATS_TEST_TMPDIR/none" </dev/null
	[[ $stderr == *'none'* ]]
}

@test "empty text gives an empty body record" {
	f=$(fixture in.tsv 'id\ttext\na\t\n')
	run -0 split-comments "$f"
	assert_line -n 1 "$(printf 'a\t\tbody\t0\t0\t\t')"
}

@test "invalid UTF-8 and control bytes are kept byte for byte" {
	f=$(fixture in.tsv 'id\ttext\na\tcaf\351 \377\001\002 x\\n\\nAnna says:\\nMay 2, 2024 at 3:04 pm\\nbad \300 byte\\n\\nBo says:\\nMay 3, 2024 at 3:04 pm\\nok\n')
	run -0 split-comments "$f"
	split-comments "$f" | awk -F '\t' 'NR == 2 { print $2 }' > "$BATS_TEST_TMPDIR/body"
	printf 'caf\351 \377\001\002 x\\n\\n\n' > "$BATS_TEST_TMPDIR/want"
	cmp "$BATS_TEST_TMPDIR/want" "$BATS_TEST_TMPDIR/body"
	assert_line -n 2 --partial "$(printf 'bad \300 byte\tcomment\t1\t0\tAnna')"
	assert_line -n 3 "$(printf 'a\tok\tcomment\t2\t0\tBo\t2024-05-03T15:04')"
}

@test "a 10 MB single-line field passes without a crash" {
	awk 'BEGIN { printf "id\ttext\nbig\t"; for (i = 0; i < 200000; i++)
	    printf "Anna says: 12 comments Reply 2 days ago %d ", i; print "" }' \
	    > "$BATS_TEST_TMPDIR/big.tsv"
	run -0 split-comments -b "$BATS_TEST_TMPDIR/big.tsv"
	assert_equal "${#lines[@]}" 2
}

@test "a page of a million short lines passes without a crash" {
	awk 'BEGIN { printf "id\ttext\nmany\t"; for (i = 0; i < 250000; i++)
	    printf "Anna says:\\nMay 2, 2024\\nReply\\n%d\\n", i; print "" }' \
	    > "$BATS_TEST_TMPDIR/many.tsv"
	run -0 split-comments -c "$BATS_TEST_TMPDIR/many.tsv"
	assert_line -n 1 --partial 'comment	1	0	Anna	2024-05-02'
}

@test "a malformed record is reported and the others are split" {
	f=$(fixture in.tsv 'id\ttext\na\tbad\\escape\nb\tgood\n')
	run -1 --separate-stderr split-comments "$f"
	[[ $stderr == *':2:'* ]]
	assert_output "$(printf 'id\ttext\tpart\tseq\tparent\tauthor\tdate\nb\tgood\tbody\t0\t0\t\t')"
}

@test "a missing id column is an error" {
	f=$(fixture in.tsv 'text\nx\n')
	run -2 --separate-stderr split-comments "$f"
	[[ $stderr == *'id'* ]]
}

@test "writing to a full disk is an error" {
	pages "$SC/wordpress.txt" > "$BATS_TEST_TMPDIR/in.tsv"
	run -2 --separate-stderr bash -c 'split-comments "$1" > /dev/full' _ "$BATS_TEST_TMPDIR/in.tsv"
	[[ $stderr == *'split-comments'* ]]
}

@test "a closed pipe ends the program quietly" {
	pages "$SC"/*.txt > "$BATS_TEST_TMPDIR/in.tsv"
	run -0 --separate-stderr bash -c 'split-comments "$1" | head -1' _ "$BATS_TEST_TMPDIR/in.tsv"
	assert_output "$(printf 'id\ttext\tpart\tseq\tparent\tauthor\tdate')"
	[ -z "$stderr" ]
}

@test "-h prints the usage and succeeds, a bad option fails" {
	run -0 split-comments -h
	assert_output --partial 'usage: split-comments [-bchlV]'
	run -2 --separate-stderr split-comments --no-such-option </dev/null
	[[ $stderr == *'usage:'* ]]
}

@test "-V prints the version" {
	run -0 split-comments -V
	assert_output --regexp '[0-9]+\.[0-9]+'
}

@test "headless trailers: 'Posted by: Name | date' under each comment, no header, the article whole" {
	run -0 layout trailers
	assert_output "$(printf '%s\n' \
	    'trailers	body	0	0		' \
	    'trailers	comment	1	0	Shona Grant	2025-03-03T11:30' \
	    'trailers	comment	2	0	Calum Reid	2025-03-03T12:47')"
	run -0 text_of trailers 1
	assert_output --partial 'Islanders will be able to book from Tuesday.'
	assert_output --partial 'By Isla Munro, March 3, 2025'
	run -0 text_of trailers 3
	assert_output "$(printf '%s\n' 'It never waited for the train before, so I doubt it.' \
	    'Nobody from the company has ever answered that.')"
}

@test "rendered script comments: names after profile links over their words, no header or dates" {
	run -0 layout linked
	assert_output "$(printf '%s\n' \
	    'linked	body	0	0		' \
	    'linked	comment	1	0	Rowan	' \
	    'linked	comment	2	0	Tam Hedger	' \
	    'linked	comment	3	0	Fenn Wick	')"
	run -0 text_of linked 1
	assert_output --partial 'so that it thickens from the base.'
	assert_output --partial 'blog comments powered by Disqus'
	refute_output --partial 'Tam Hedger'
	run -0 text_of linked 3
	assert_output "$(printf '%s\n' 'Mulch it. Cardboard under woodchip keeps the grass off until the whips get going.' \
	    'It saves a lot of weeding in June.')"
}

@test "trailers with the name under them: 'posted on date' / 'by' / 'Name'" {
	run -0 layout postedon
	assert_output "$(printf '%s\n' \
	    'postedon	body	0	0		' \
	    'postedon	comment	1	0	Priya Raman	2025-05-06T19:26' \
	    'postedon	comment	2	0	Tomasz Wolak	2025-05-07T08:05')"
	run -0 text_of postedon 3
	assert_output 'Writing the worries down is harder than it sounds, but it works.'
	run -0 text_of postedon 1
	assert_output --partial 'Posted by Nadia Okafor on Tue, May 6, 2025'
	refute_output --partial 'Priya Raman'
}

@test "bylines heading their comments: 'Posted by: Name, Town on time day date' with controls under each" {
	run -0 layout postedhead
	assert_output "$(printf '%s\n' \
	    'postedhead	body	0	0		' \
	    'postedhead	comment	1	0	Morven, Wick	9:35am Wed 8 Jan 25' \
	    'postedhead	comment	2	0	Alasdair, Thurso	11:16am Wed 8 Jan 25' \
	    'postedhead	comment	3	0	Kirsty, Wick	1:02pm Wed 8 Jan 25')"
	run -0 text_of postedhead 3
	assert_output "$(printf '%s\n' 'The engineers are right. A cheap wall is no wall at all.' \
	    'It is better to wait a month than to build it twice.')"
	run -0 text_of postedhead 1
	assert_output --partial 'before the winter storms.'
	refute_output --partial 'Another month of waiting'
}

@test "names over dates with no header: each comment has its 'Reply' control" {
	run -0 layout nameddates
	assert_output "$(printf '%s\n' \
	    'nameddates	body	0	0		' \
	    'nameddates	comment	1	0	breadhead	2 days ago' \
	    'nameddates	comment	2	0	Marta K.	1 day ago' \
	    'nameddates	comment	3	0	Jonah	5 hours ago')"
	run -0 text_of nameddates 1
	assert_output --partial 'use it when it has doubled.'
	assert_output --partial 'Popular this week'
	refute_output --partial 'fed mine with cups'
}

@test "names on top of their words, dates under them, no header: each comment offers 'Reply'" {
	run -0 layout nameontop
	assert_output "$(printf '%s\n' \
	    'nameontop	body	0	0		' \
	    'nameontop	comment	1	0	Kirsty Bain	2 hours ago' \
	    'nameontop	comment	2	0	Alasdair M	3 hours ago' \
	    'nameontop	comment	3	0	Fiona	5 hours ago')"
	run -0 text_of nameontop 2
	assert_output "$(printf '%s\n' \
	    'About time. I have been paying for taxis home from my shift at the hospital since the service stopped.' \
	    'Every forty minutes is fine for now.')"
	run -0 text_of nameontop 1
	assert_output --partial 'same fare as the day service.'
	assert_output --partial 'More from Transport'
	refute_output --partial 'Fiona'
}

@test "stories over teasers and dates, 'Share' and 'Comment' under each, are no comment section" {
	run -0 layout storylist
	assert_output "$(printf 'storylist\tbody\t0\t0\t\t')"
	run -0 bash -c "sed '/^Comment\$/d' '$SC/storylist.txt' > '$BATS_TEST_TMPDIR/list.txt'"
	pages "$BATS_TEST_TMPDIR/list.txt" > "$BATS_TEST_TMPDIR/in.tsv"
	run -0 split-comments -c "$BATS_TEST_TMPDIR/in.tsv"
	assert_output "$(printf 'id\ttext\tpart\tseq\tparent\tauthor\tdate')"
}

@test "a list of posts with two counts that differ ('5 Responses', '2 Responses') is no comment section" {
	run -0 layout responselist
	assert_output "$(printf 'responselist\tbody\t0\t0\t\t')"
}

@test "'No Comments' counts as one of a list's counts: posts with bylines and counts are no section" {
	run -0 layout nocountlist
	assert_output "$(printf 'nocountlist\tbody\t0\t0\t\t')"
}

@test "'Name says:' over quotations, with no header, are the article's quotes" {
	run -0 layout quotedsays
	assert_output "$(printf 'quotedsays\tbody\t0\t0\t\t')"
	run -0 text_of quotedsays 1
	assert_line 'Harbour wall: what the council says'
	assert_line 'Ewan Sutherland says:'
}

@test "a blog's home page, each post with its own 'N comments:', is no comment section" {
	run -0 layout bloggerhome
	assert_output "$(printf 'bloggerhome\tbody\t0\t0\t\t')"
}

@test "Blogger without blank lines: each date under a comment's words closes that comment" {
	run -0 layout bloggertight
	assert_output "$(printf '%s\n' \
	    'bloggertight	body	0	0		' \
	    'bloggertight	comment	1	0	Gwen	2025-03-02T08:14' \
	    'bloggertight	comment	2	0	Tom Farrant	2025-03-02T09:02' \
	    'bloggertight	comment	3	1	Rowan	2025-03-03T07:50')"
	run -0 text_of bloggertight 3
	assert_output 'The reservoir could do with a month of it.'
}

@test "names over dates with no header: the post's 'By Name' and date over the article head no comment" {
	run -0 layout bylinedated
	assert_output "$(printf '%s\n' \
	    'bylinedated	body	0	0		' \
	    'bylinedated	comment	1	0	Kirsty Bain	2025-03-05T15:12' \
	    'bylinedated	comment	2	0	Alasdair M	2025-03-05T15:30' \
	    'bylinedated	comment	3	0	Fiona	2025-03-05T16:02')"
	run -0 text_of bylinedated 1
	assert_output --partial 'for people on the lowest incomes.'
}

@test "vote arrows under each name ('▲ 21 ▼', '↑ 2 ↓') are controls, not names or words" {
	run -0 layout votearrows
	assert_output "$(printf '%s\n' \
	    'votearrows	body	0	0		' \
	    'votearrows	comment	1	0	Ewan Sutherland	' \
	    'votearrows	comment	2	0	Kirsty Bain	' \
	    'votearrows	comment	3	0	Alasdair M	')"
	run -0 text_of votearrows 3
	assert_output 'It was coming for years. The quay is too small for modern boats.'
}

@test "a rendered plug-in's 'Like · Reply · 2d' controls, with the comment's age, are left out of its words" {
	run -0 layout likereplyage
	assert_output "$(printf '%s\n' \
	    'likereplyage	body	0	0		' \
	    'likereplyage	comment	1	0	Sheila Burrows	' \
	    'likereplyage	comment	2	0	Tony Mascarenhas	' \
	    'likereplyage	comment	3	0	Linda Oakes	')"
	run -0 text_of likereplyage 4
	assert_output 'Went off the top board once and never again.'
}

@test "a page of letters, each under its title and signed 'Name, Town', is the article" {
	run -0 layout letterspage
	assert_output "$(printf 'letterspage\tbody\t0\t0\t\t')"
}

@test "'Like (34)' under a comment's words is a control" {
	run -0 layout likecount
	assert_output "$(printf '%s\n' \
	    'likecount	body	0	0		' \
	    'likecount	comment	1	0	Priya Chandran	' \
	    'likecount	comment	2	0	Oliver Stanhope	' \
	    'likecount	comment	3	0	Mick Fairclough	')"
	run -0 text_of likecount 2
	assert_output 'Finally. I finish at one in the morning and taxis cost me half my wages.'
}

@test "notices each under its title and closed by 'Added by Name, date', with no header, are no comment section" {
	run -0 layout addedby
	assert_output "$(printf 'addedby\tbody\t0\t0\t\t')"
}

@test "'@Name' answers that comment alone: numbered comments after it stay top-level; '@First' names a full name" {
	run -0 layout numberedat
	assert_output "$(printf '%s\n' \
	    'numberedat	body	0	0		' \
	    'numberedat	comment	1	0	Tyler Stambaugh	03.02.25 at 10:14' \
	    'numberedat	comment	2	1	Morag Leslie	03.02.25 at 11:30' \
	    'numberedat	comment	3	0	Ewan Sutherland	03.02.25 at 12:02' \
	    'numberedat	comment	4	3	Fiona Reid	03.02.25 at 12:40')"
}

@test "names over dates with no header: replies that open with a greeting ('Ewan,', '@Karla', 'Note for parents:') are comments" {
	run -0 layout greetings
	assert_output "$(printf '%s\n' \
	    'greetings	body	0	0		' \
	    'greetings	comment	1	0	Karla Mendes	2025-10-08T19:12' \
	    'greetings	comment	2	1	Ewan Sutherland	2025-10-08T20:22' \
	    'greetings	comment	3	0	Fiona Reid	2025-10-08T21:21')"
}

@test "a date line that counts the comments ('via name 9 hours ago | 14 comments') is the post's byline, not a comment" {
	run -0 layout countbyline
	assert_output "$(printf '%s\n' \
	    'countbyline	body	0	0		' \
	    'countbyline	comment	1	0	janhoekstra	8 hours ago' \
	    'countbyline	comment	2	0	smoss	7 hours ago' \
	    'countbyline	comment	3	0	pkellner	6 hours ago')"
	run -0 text_of countbyline 1
	assert_output --partial 'a small part of Markdown.'
}

@test "named dates with no header over words cut short ('...') are a sidebar's teasers, not comments" {
	run -0 layout teasers
	assert_output "$(printf 'teasers\tbody\t0\t0\t\t')"
}

@test "LiveJournal without blank lines: '(Anonymous)' names the first comment, and each keeps its own words" {
	run -0 layout journaltight
	assert_output "$(printf '%s\n' \
	    'journaltight	body	0	0		' \
	    'journaltight	comment	1	0	Anonymous	2025-03-03T21:02' \
	    'journaltight	comment	2	0	greenwellies	2025-03-03T21:30' \
	    'journaltight	comment	3	0	ravensgill_ann	2025-03-03T22:14' \
	    'journaltight	comment	4	0	mossyfoot	2025-03-04T07:55')"
	run -0 text_of journaltight 2
	assert_output 'Congratulations! Potatoes are the right first crop. And keep the bath, it makes a good pond.'
}

@test "a rendered vote bar ('3 △ ▽ • Reply • Share ›') and 'Liked by Name' are left out of the words" {
	run -0 layout votebar
	assert_output "$(printf '%s\n' \
	    'votebar	body	0	0		' \
	    'votebar	comment	1	0	Paula Greenhalgh	1 day ago' \
	    'votebar	comment	2	0	Hamid Qasemi	1 day ago' \
	    'votebar	comment	3	0	Felicity Orme	20 hours ago')"
	run -0 text_of votebar 3
	assert_output 'The light on the water by the mill was worth the cold.'
	run -0 text_of votebar 2
	assert_output 'Thank you for organising. Can we share the sketches on the group page?'
}

@test "'↳ Name' answers the comment above it, and the arrow is no part of the name" {
	run -0 layout arrowreplies
	assert_output "$(printf '%s\n' \
	    'arrowreplies	body	0	0		' \
	    'arrowreplies	comment	1	0	Jill Trevelyan	2025-03-04T09:10' \
	    'arrowreplies	comment	2	1	Simon Pascoe	2025-03-04T09:44' \
	    'arrowreplies	comment	3	2	Jill Trevelyan	2025-03-04T10:02' \
	    'arrowreplies	comment	4	0	Monica Reyes	2025-03-04T12:30')"
}

@test "'Reply from Name on date' answers the comment above it and names Name" {
	run -0 layout replyfrom
	assert_output "$(printf '%s\n' \
	    'replyfrom	body	0	0		' \
	    'replyfrom	comment	1	0	Ian Whitworth	05/03/2025' \
	    'replyfrom	comment	2	1	Fran Delaney	05/03/2025' \
	    'replyfrom	comment	3	0	Beth Nakamura	06/03/2025' \
	    'replyfrom	comment	4	3	Fran Delaney	06/03/2025' \
	    'replyfrom	comment	5	0	Colin Ashe	06/03/2025')"
}

@test "titles over dates without controls are no comment section" {
	run -0 bash -c "sed '/^Reply\$/d; /^Report\$/d' '$SC/nameddates.txt' > '$BATS_TEST_TMPDIR/list.txt'"
	pages "$BATS_TEST_TMPDIR/list.txt" > "$BATS_TEST_TMPDIR/in.tsv"
	run -0 split-comments -c "$BATS_TEST_TMPDIR/in.tsv"
	assert_output "$(printf 'id\ttext\tpart\tseq\tparent\tauthor\tdate')"
}

@test "a header that counts the comments vouches for a long one: 'date — Name (not verified)' heads" {
	run -0 layout longcounted
	assert_output "$(printf '%s\n' \
	    'longcounted	body	0	0		' \
	    'longcounted	comment	1	0	Rhona Baird	2025-05-06T18:05' \
	    'longcounted	comment	2	0	Tam Guthrie	2025-05-07T09:12')"
	run -0 text_of longcounted 3
	assert_output 'The last wall lasted a century, so two years of works seems a fair price.'
	run -0 text_of longcounted 1
	assert_output --partial 'Work will start in the spring'
	refute_output --partial 'thirty years'
}

@test "names over words under a 'Comments' header without a count" {
	run -0 layout weakheader
	assert_output "$(printf '%s\n' \
	    'weakheader	body	0	0		' \
	    'weakheader	comment	1	0	Eilidh Moss	' \
	    'weakheader	comment	2	0	Peter Vance	' \
	    'weakheader	comment	3	0	Moira	')"
	run -0 text_of weakheader 4
	assert_output 'Will the cafe by the depot survive without the drivers? I doubt it.'
}

@test "subheadings over paragraphs under a 'Comments' link are no comment section" {
	run -0 layout subheadings
	assert_output 'subheadings	body	0	0		'
}

@test "'Latest Comments:' over 'Posted by: Name of Town time date' trailers; a later dated advert is no trailer" {
	run -0 layout latesttoday
	assert_output "$(printf '%s\n' \
	    'latesttoday	body	0	0		' \
	    'latesttoday	comment	1	0	Agnes of Leith	7:57am today' \
	    'latesttoday	comment	2	0	Ross Niven of Portobello	2025-05-08T23:08' \
	    'latesttoday	comment	3	0	Kit of Gorgie	2025-05-08T22:21')"
	run -0 text_of latesttoday 4
	assert_output 'Open it on Sundays instead, then.'
	run -0 text_of latesttoday 1
	assert_output --partial 'Garden Show Expo'
	assert_output --partial 'We welcome your comments'
}

@test "signatures without dates: 'Name, Town, Country' under each comment" {
	run -0 layout places
	assert_output "$(printf '%s\n' \
	    'places	body	0	0		' \
	    'places	comment	1	0	Hamish Tait	' \
	    'places	comment	2	0	Ailsa Craig	' \
	    'places	comment	3	0	Sven	')"
	run -0 text_of places 3
	assert_output "$(printf '%s\n' \
	    'Good news, but the fares are still far too high for a family of four.' \
	    'A grant only lasts a year.')"
	run -0 text_of places 1
	assert_output --partial 'Photo: the ferry at the pier, Stromness, Orkney'
	refute_output --partial 'ten years'
}

@test "titles over 'Name, Role, Outlet' bylines are no comment section" {
	run -0 layout bylist
	assert_output 'bylist	body	0	0		'
}

@test "header blocks 'BY' / 'NAME' / 'AT date' over each comment, no header" {
	run -0 layout byblock
	assert_output "$(printf '%s\n' \
	    'byblock	body	0	0		' \
	    'byblock	comment	1	0	MOSSGIEL	01/09/25 05:30 PM' \
	    'byblock	comment	2	0	KESTREL77	01/09/25 05:31 PM' \
	    'byblock	comment	3	0	ORRIN	01/09/25 05:44 PM')"
	run -0 text_of byblock 4
	assert_output "$(printf '%s\n' 'So it is a music player you wave at?' \
	    'I will stick with the one with strings.')"
	run -0 text_of byblock 1
	assert_output --partial 'The toy maker showed a guitar'
	refute_output --partial 'wig'
}

@test "one author's dated posts without a header are no comment section" {
	run -0 layout byauthor
	assert_output 'byauthor	body	0	0		'
}

@test "'Comments are now closed for this story' over names and their words" {
	run -0 layout closednames
	assert_output "$(printf '%s\n' \
	    'closednames	body	0	0		' \
	    'closednames	comment	1	0	Stephen B	' \
	    'closednames	comment	2	0	Lina	' \
	    'closednames	comment	3	0	Ralph	')"
	run -0 text_of closednames 4
	assert_output "$(printf '%s\n' '"Premiers to make demands at dinner"' \
	    'What, second helpings again?')"
}

@test "a 'Comments' header over a log-in prompt, then age, name and words" {
	run -0 layout loginform
	assert_output "$(printf '%s\n' \
	    'loginform	body	0	0		' \
	    'loginform	comment	1	0	Mirren T.	3 hours ago' \
	    'loginform	comment	2	0	Aoife D.	7 hours ago')"
	run -0 text_of loginform 1
	assert_output --partial 'Follow Us'
	refute_output --partial 'hairspray trick'
}

@test "rendered script comments: a short reply under a linked name is a comment; a first one under prose stays in the body" {
	run -0 layout linkedshort
	assert_output "$(printf '%s\n' \
	    'linkedshort	body	0	0		' \
	    'linkedshort	comment	1	0	News Desk	' \
	    'linkedshort	comment	2	0	Marcus Oyelaran	' \
	    'linkedshort	comment	3	0	News Desk	')"
	run -0 text_of linkedshort 4
	assert_output 'Great! -Jules'
	run -0 text_of linkedshort 1
	assert_output --partial 'Was this taken at the river park'
}

@test "the last comment ends with the line that ends the others, which is no comment's words" {
	run -0 layout endalike
	assert_output "$(printf '%s\n' \
	    'endalike	body	0	0		' \
	    'endalike	comment	1	0	Innes Kerr	' \
	    'endalike	comment	2	0	Jeannie Bell	')"
	run -0 text_of endalike 3
	assert_output 'Thanks for posting these so early this year.'
	run -0 text_of endalike 1
	assert_output --partial 'New pontoon for the marina'
}

@test "names heading comments whose ages close them, under a count and sort controls" {
	run -0 layout namehead
	assert_output "$(printf '%s\n' \
	    'namehead	body	0	0		' \
	    'namehead	comment	1	0	Voltmeter	53 minutes ago' \
	    'namehead	comment	2	0	Brannoch	1 hour ago')"
	run -0 text_of namehead 3
	assert_output 'Not even with the grant at the point of sale. The price has to fall first.'
}

@test "'Showing Comments 1 - 3 of 3', a name over the words, 'Add a Comment' under each, then the date" {
	run -0 layout showing
	assert_output "$(printf '%s\n' \
	    'showing	body	0	0		' \
	    'showing	comment	1	0	Delphine Rowe	2025-01-20T18:01' \
	    'showing	comment	2	0	Corin and Tess Abbot	2025-01-20T11:01' \
	    'showing	comment	3	0	Wrenna42	2025-01-18T16:01')"
	run -0 text_of showing 3
	assert_output 'We hoped for more about the years after the show ended.'
	run -0 text_of showing 1
	assert_output --partial 'Type in Your Comments Below'
}

@test "signature blocks 'Name' / '-' / 'Town' / '(date)' under each comment, no header" {
	run -0 layout signed
	assert_output "$(printf '%s\n' \
	    'signed	body	0	0		' \
	    'signed	comment	1	0	Dana Levi	2025-12-19T16:36' \
	    'signed	comment	2	0	Omar Haddad	2025-12-19T15:53' \
	    'signed	comment	3	0	Petra Novak	2025-12-18T08:47')"
	run -0 text_of signed 1
	assert_output --partial 'Donor countries pledged new aid'
	assert_output --partial 'Related stories'
	refute_output --partial 'Haifa'
}

@test "titles over 'by' / 'Name' / date blocks are a list of posts, no comment section" {
	run -0 bash -c "printf 'id\ttext\nposts\tGuest posts\\\\nWhy the launch was smaller than you were told\\\\nby\\\\nAnna Berg\\\\n10/26/2025\\\\nThe comeback story begins?\\\\nby\\\\nLeo Marsh\\\\n10/24/2025\\\\nAnother bubble, this time in schools\\\\nby\\\\nIda Kern\\\\n10/23/2025\\\\nOur team\\\\n' | split-comments | cut -f 1,3-7"
	assert_output "$(printf '%s\n' 'id	part	seq	parent	author	date' \
	    'posts	body	0	0		')"
}

@test "two signatures in small letters right over a 'Have your say' form; words under the article stay in the body" {
	run -0 layout yoursay
	assert_output "$(printf '%s\n' \
	    'yoursay	body	0	0		' \
	    'yoursay	comment	1	0	orla quinn	')"
	run -0 text_of yoursay 1
	assert_output --partial 'i hope the twins stay'
	assert_output --partial 'Have your say'
}

@test "a web address with a date in its path is a comment's words, not its date" {
	run -0 layout urldate
	assert_output "$(printf '%s\n' \
	    'urldate	body	0	0		' \
	    'urldate	comment	1	0	Rhian Morgan	2025-05-02T15:04' \
	    'urldate	comment	2	0	Gwil Price	2025-05-02T16:10' \
	    'urldate	comment	3	0	Rhian Morgan	2025-05-02T17:30')"
	run -0 text_of urldate 2
	assert_output "$(printf '%s\n' 'Another example from last year:' \
	    'http://example.org/news/2024/11/12/food-aid-cut')"
}

@test "name / words / '#1 - date' trailers: a handle may end in a full stop, '#1.1' answers '#1'" {
	run -0 layout dotted
	assert_output "$(printf '%s\n' \
	    'dotted	body	0	0		' \
	    'dotted	comment	1	0	Rook42	2025-03-04T09:15' \
	    'dotted	comment	2	1	marigold	2025-03-04T09:40' \
	    'dotted	comment	3	0	Pellham	2025-03-04T11:02')"
	run -0 text_of dotted 3
	assert_output "$(printf '%s\n' 'Rook42:' \
	    'The port pays from its own fees, it says so in the second paragraph. No tax money goes in.')"
	run -0 text_of dotted 4
	assert_output --partial 'Thanks.'
	run -0 text_of dotted 1
	assert_output --partial 'Topics: Harbour, Shipping'
	refute_output --partial 'Rook42'
}

@test "a long comment between two others under a 'COMMENTS' header is a comment" {
	run -0 layout longamid
	assert_output "$(printf '%s\n' \
	    'longamid	body	0	0		' \
	    'longamid	comment	1	0	trainfan88	' \
	    'longamid	comment	2	0	Mossgiel	' \
	    'longamid	comment	3	0	Mossgiel	' \
	    'longamid	comment	4	0	Pennywhistle	')"
	run -0 text_of longamid 3
	assert_output --partial 'Yours sincerely, a rider on the northern routes'
}

@test "a long 'comment' last under a header without a count is no comment section" {
	# the letter moved under the last comment
	awk 'NR >= 9 && NR <= 17 { held = held $0 "\n"; next }
	    /^ADVERTISEMENT$/ { printf "%s", held } { print }' \
	    "$SC/longamid.txt" > "$BATS_TEST_TMPDIR/p.txt"
	run -0 grep -c -x Mossgiel "$BATS_TEST_TMPDIR/p.txt"
	assert_output 2
	pages "$BATS_TEST_TMPDIR/p.txt" > "$BATS_TEST_TMPDIR/in.tsv"
	run -0 bash -c "split-comments '$BATS_TEST_TMPDIR/in.tsv' | cut -f 1,3-7"
	assert_output "$(printf '%s\n' 'id	part	seq	parent	author	date' \
	    'p	body	0	0		')"
}

@test "social profiles: badge, name, motto and 'N Fans' over each comment's age; shared furniture left out" {
	run -0 layout fans
	assert_output "$(printf '%s\n' \
	    'fans	body	0	0		' \
	    'fans	comment	1	0	harbourwatch	2 minutes ago' \
	    'fans	comment	2	0	Quillon	5 minutes ago' \
	    'fans	comment	3	0	Mara Tullis	9 minutes ago' \
	    'fans	comment	4	0	Quillon	12 minutes ago')"
	run -0 text_of fans 2
	assert_output 'A tenth is steep for people who cross twice a day for work.'
	run -0 text_of fans 1
	assert_output --partial '(4 total)'
	refute_output --partial 'Fans'
}

@test "an author's profile with followers over the article's date is no comment section" {
	run -0 bash -c "printf 'id\ttext\nbio\tTram line opens\\\\nDana Frost\\\\n1,200 followers\\\\nMay 2, 2025\\\\nThe new tram line opened on Friday.\\\\nRiders were pleased.\\\\nLee Park\\\\n80 followers\\\\nMay 1, 2025\\\\nTram line delayed again\\\\n' | split-comments | cut -f 1,3-7"
	assert_output "$(printf '%s\n' 'id	part	seq	parent	author	date' \
	    'bio	body	0	0		')"
}

@test "names over 'Follow' controls and words, dates and 'Reply 0' under them, below a log-in prompt" {
	run -0 layout follow
	assert_output "$(printf '%s\n' \
	    'follow	body	0	0		' \
	    'follow	comment	1	0	Tamsin Roe	2025-03-03T18:06' \
	    'follow	comment	2	0	quietreader	2025-03-03T18:14' \
	    'follow	comment	3	0	Hugh Barden	2025-03-03T19:01')"
	run -0 text_of follow 3
	assert_output 'great news!'
	run -0 text_of follow 1
	assert_output --partial '56 followers'
}

@test "'Name' / 'Comment No. N' / date blocks head their comments under a note about picked comments" {
	run -0 layout commentno
	assert_output "$(printf '%s\n' \
	    'commentno	body	0	0		' \
	    'commentno	comment	1	0	fenwright	January 7 17:00' \
	    'commentno	comment	2	0	Alba_M	January 7 17:05' \
	    'commentno	comment	3	0	fenwright	January 7 17:21')"
	run -0 text_of commentno 3
	assert_output 'I buy outdoor eggs but rarely outdoor meat, and I doubt I am alone.'
	run -0 text_of commentno 1
	assert_output --partial 'keywords: food, farming'
	refute_output --partial 'picked'
}

@test "month / year / time lines of a list of posts are no numbered comment blocks" {
	run -0 bash -c "printf 'id\ttext\narch\tCity news\\\\n12 comments\\\\nolder\\\\n24\\\\nJul\\\\n2012\\\\n6:10am, EDT\\\\nTrial may not shed light on motive\\\\nnewer\\\\n24\\\\nJul\\\\n2012\\\\n9:46am, EDT\\\\nHome explodes, killing a girl\\\\nMost popular posts\\\\n' | split-comments | cut -f 1,3-7"
	assert_output "$(printf '%s\n' 'id	part	seq	parent	author	date' \
	    'arch	body	0	0		')"
}

@test "the last comment ends with a control that ends the others above the next one's date line" {
	run -0 layout voteend
	assert_output "$(printf '%s\n' \
	    'voteend	body	0	0		' \
	    'voteend	comment	1	0	Valley Reader	' \
	    'voteend	comment	2	0	Hill Reader	')"
	run -0 text_of voteend 3
	assert_output 'Good game, but the shot came after the buzzer.'
	run -0 text_of voteend 1
	assert_output --partial 'Source: Valley Times'
	refute_output --partial 'Good game'
}

@test "numbers that count the comments ('2. Words') are left out of their words; a list in one comment is kept" {
	run -0 layout numbered-words
	assert_output "$(printf '%s\n' \
	    'numbered-words	body	0	0		' \
	    'numbered-words	comment	1	0	Nell Ashdown	2025-03-03T10:41' \
	    'numbered-words	comment	2	0	Karim Selby	2025-03-03T14:17' \
	    'numbered-words	comment	3	0	Tobias Wren	2025-03-04T09:05')"
	run -0 text_of numbered-words 3
	assert_output 'Do they sell the endpapers to the public, or only to binders?'
	sed -e 's/^Do they sell/1. Do they sell/' "$SC/typepad.txt" > "$BATS_TEST_TMPDIR/list.txt"
	pages "$BATS_TEST_TMPDIR/list.txt" > "$BATS_TEST_TMPDIR/in.tsv"
	run -0 bash -c "split-comments -c '$BATS_TEST_TMPDIR/in.tsv' | cut -f 2 | sed -n 3p"
	assert_output '1. Do they sell the endpapers to the public, or only to binders?'
}

@test "the 'Reply' under the last comment leaves the body with the section" {
	for f in wordpress wpdiscuz; do
		run -0 text_of "$f" 1
		refute_line --regexp '^[[:space:]]*Reply[[:space:]]*$'
	done
}

@test "a header counting one comment right over the reply form vouches for it; the trailer names its author" {
	run -0 layout single
	assert_output "$(printf '%s\n' \
	    'single	body	0	0		' \
	    'single	comment	1	0	Bowline	2025-08-06T17:06')"
	run -0 text_of single 2
	assert_output 'As an archer I will admit to having watched curling once. Maybe twice. It is harder than it looks.'
}

@test "a post's '1 Comment' over its short text, or a lone pingback over the form, is no comment" {
	run -0 bash -c "printf 'id\ttext\nmeta\tSummer fair\\\\nBy Ann Lowe\\\\n1 Comment\\\\nThe summer fair opens on Saturday. Bring the children and a hat, it will be hot.\\\\nLeave a Reply\nping\tSummer fair\\\\nThe summer fair opens on Saturday, and the organisers expect more visitors than ever before, since the weather will be fine and the new car park is open. The rides are new this year, and the food tents will stay open until ten in the evening, an hour later than last year, with music on the green until nine. Tickets are cheaper if you buy them before Friday from the town hall or the library.\\\\nOne thought on the summer fair\\\\nPingback: Fairs of the county | a blog\\\\nLeave a Reply\\\\n' | split-comments | cut -f 1,3-7"
	assert_output "$(printf '%s\n' 'id	part	seq	parent	author	date' \
	    'meta	body	0	0		' 'ping	body	0	0		')"
}

@test "names over scores over words, under a count and a script platform's form" {
	run -0 layout points
	assert_output "$(printf '%s\n' \
	    'points	body	0	0		' \
	    'points	comment	1	0	marrowby	' \
	    'points	comment	2	0	Tillie K	')"
	run -0 text_of points 3
	assert_output 'The roof story alone was worth the hour.'
	run -0 text_of points 1
	assert_output --partial 'Recent Posts'
	refute_output --partial 'off topic'
}

@test "one player's points in a match report are no comment" {
	run -0 bash -c "printf 'id\ttext\nrep\tHome side wins the final\\\\nThe home side won the final by six points on Sunday.\\\\nTop scorer\\\\nLee Rand\\\\n44 pts\\\\nScored in every game this season.\\\\nNext match\\\\n' | split-comments | cut -f 1,3-7"
	assert_output "$(printf '%s\n' 'id	part	seq	parent	author	date' \
	    'rep	body	0	0		')"
}

@test "Blogger's lone comment: 'said...' under a name, its stamp right over 'Post a Comment'" {
	run -0 layout bloggerone
	assert_output "$(printf '%s\n' \
	    'bloggerone	body	0	0		' \
	    'bloggerone	comment	1	0	Huw Bell	2025-08-10T01:19')"
	run -0 text_of bloggerone 2
	assert_output 'I always thought the S on the back meant Sport, not Standard. Funny.'
}

@test "a quotation closing a post over its footer and the form is no comment" {
	run -0 bash -c "printf 'id\ttext\nq\tNew bridge opens\\\\nThe bridge opened on Monday after four years of work.\\\\nThe mayor said:\\\\nWe built it to last a hundred years, and it will.\\\\nPosted by Tam Orr at 10 August 2025 01:19\\\\nPost a Comment\\\\n' | split-comments | cut -f 1,3-7"
	assert_output "$(printf '%s\n' 'id	part	seq	parent	author	date' \
	    'q	body	0	0		')"
}

@test "signature blocks may leave out the town: 'Name' / '-' / '(date)' among 'Name' / '-' / 'Town' / '(date)'" {
	run -0 layout signed-notown
	assert_output "$(printf '%s\n' \
	    'signed-notown	body	0	0		' \
	    'signed-notown	comment	1	0	Dana Levi	2025-12-19T16:36' \
	    'signed-notown	comment	2	0	Sam	2025-12-19T16:01' \
	    'signed-notown	comment	3	0	Omar Haddad	2025-12-19T15:53' \
	    'signed-notown	comment	4	0	Petra Novak	2025-12-18T08:47')"
	run -0 text_of signed-notown 3
	assert_output 'RE: #1: Whatever the cynics say, the last pledges never arrived.'
}

@test "dated comments under a header close with their readers' profiles: the name over 'Total Comments (N)' is the author" {
	run -0 layout profiletail
	assert_output "$(printf '%s\n' \
	    'profiletail	body	0	0		' \
	    'profiletail	comment	1	0	Flea Circus	2025-11-12T13:17' \
	    'profiletail	comment	2	0	Deb Ortiz	2025-11-12T13:42' \
	    'profiletail	comment	3	0	Realist	2025-11-12T14:57')"
	run -0 text_of profiletail 4
	assert_output 'Ask him which team he plays for today.'
	run -0 text_of profiletail 1
	refute_output --partial 'Total Comments'
	refute_output --partial 'Spring Branch'
}

@test "dates under a bare 'Comments' header with no names and no profiles are no comment section" {
	grep -v '^Total Comments' "$SC/profiletail.txt" > "$BATS_TEST_TMPDIR/p.txt"
	pages "$BATS_TEST_TMPDIR/p.txt" > "$BATS_TEST_TMPDIR/in.tsv"
	run -0 bash -c "split-comments '$BATS_TEST_TMPDIR/in.tsv' | cut -f 1,3-7"
	assert_output "$(printf '%s\n' 'id	part	seq	parent	author	date' \
	    'p	body	0	0		')"
}

@test "'Response to Name, date' nests a reply; 'Responses (1)' among the controls is no header; notes under the header are no comment" {
	run -0 layout responses
	assert_output "$(printf '%s\n' \
	    'responses	body	0	0		' \
	    'responses	comment	1	0	rustyred	2025-11-01T21:37' \
	    'responses	comment	2	1	IanCW	2025-11-01T21:48' \
	    'responses	comment	3	2	rustyred	2025-11-01T22:02')"
	run -0 text_of responses 3
	assert_output 'It changed nothing for the people still without power.'
}

@test "a headline ending in 'Says' over a date is no comment" {
	run -0 bash -c "printf 'id\ttext\nh\tCity news\\\\nRelated\\\\nCongestion Pricing Debuts in Town - Nov 13, 2025\\\\nFree Parking Drives Solo Commuting, Study Says - Nov 06, 2025\\\\nPedestrians Get New Focus - Nov 05, 2025\\\\nThe concern about congestion is growing in every city.\\\\n' | split-comments | cut -f 1,3-7"
	assert_output "$(printf '%s\n' 'id	part	seq	parent	author	date' \
	    'h	body	0	0		')"
}

@test "a year over a time under a count is a post's date, not a numbered comment" {
	run -0 layout yearposts
	assert_output 'yearposts	body	0	0		'
}

@test "page headings over lines under a counted header are no names: no comment section" {
	run -0 layout menunames
	assert_output 'menunames	body	0	0		'
}

@test "'BY' / 'NAME' / 'AT date' blocks: a comment of a few words that could be a name keeps the run whole" {
	sed 's/^That is the strangest thing.*$/that was painful to watch/' \
	    "$SC/byblock.txt" > "$BATS_TEST_TMPDIR/byblock.txt"
	pages "$BATS_TEST_TMPDIR/byblock.txt" > "$BATS_TEST_TMPDIR/in.tsv"
	run -0 bash -c "split-comments '$BATS_TEST_TMPDIR/in.tsv' | cut -f 1,3-7"
	assert_output "$(printf '%s\n' 'id	part	seq	parent	author	date' \
	    'byblock	body	0	0		' \
	    'byblock	comment	1	0	MOSSGIEL	01/09/25 05:30 PM' \
	    'byblock	comment	2	0	KESTREL77	01/09/25 05:31 PM' \
	    'byblock	comment	3	0	ORRIN	01/09/25 05:44 PM')"
}

@test "the 'Reply' under a lone comment's words ends it; the page's footer stays in the body" {
	run -0 layout wpone
	assert_output "$(printf '%s\n' \
	    'wpone	body	0	0		' \
	    'wpone	comment	1	0	Lena Marsh	2025-11-12T04:22')"
	run -0 text_of wpone 2
	assert_output 'I cook the holiday dinner this year, so I will keep this one for the day after.'
	run -0 text_of wpone 1
	assert_output --partial 'Join us for free printables'
	refute_line 'Reply'
}

@test "a reply form between '1 Comment' and the comment is no comment; the comment under it is" {
	run -0 layout formone
	assert_output "$(printf '%s\n' \
	    'formone	body	0	0		' \
	    'formone	comment	1	0	Aylak	2025-11-05')"
	run -0 text_of formone 2
	assert_output '.. and it is currently down!'
}

@test "a reply form alone between '1 Comment' and the form's end is no comment" {
	head -n 11 "$SC/formone.txt" > "$BATS_TEST_TMPDIR/p.txt"
	pages "$BATS_TEST_TMPDIR/p.txt" > "$BATS_TEST_TMPDIR/in.tsv"
	run -0 bash -c "split-comments '$BATS_TEST_TMPDIR/in.tsv' | cut -f 1,3-7"
	assert_output "$(printf '%s\n' 'id	part	seq	parent	author	date' \
	    'p	body	0	0		')"
}

@test "version numbers ('6.82', '20.0.015') in a list of related posts are no dates" {
	run -0 layout versions
	assert_output "$(printf '%s\n' \
	    'versions	body	0	0		' \
	    'versions	comment	1	0	althaf	2025-03-26T06:36' \
	    'versions	comment	2	0	bram	2025-03-27T07:01')"
}

@test "a comment's number glued to the time ('7:20 pm1 Name') is neither the name nor the time" {
	run -0 layout glued
	assert_output "$(printf '%s\n' \
	    'glued	body	0	0		' \
	    'glued	comment	1	0	Tamsin Piccard	2025-10-25T19:20' \
	    'glued	comment	2	0	ecvulic	2025-10-26T07:24' \
	    'glued	comment	3	0	Chris Gode	2025-10-26T07:29')"
}

@test "a name that starts like a month ('Maria', 'JulieD') is a name, not a date" {
	run -0 layout monthname
	assert_output "$(printf '%s\n' \
	    'monthname	body	0	0		' \
	    'monthname	comment	1	0	Maria	2025-10-26T18:56' \
	    'monthname	comment	2	0	JulieD	2025-11-12T08:07' \
	    'monthname	comment	3	0	Marchetti	2025-11-13T09:00')"
}

@test "a month glued to the name before it ('cleverpiggyOctober 29, 2025') is parted from it" {
	run -0 layout gluedmonth
	assert_output "$(printf '%s\n' \
	    'gluedmonth	body	0	0		' \
	    'gluedmonth	comment	1	0	Elizabeth	2025-10-29T13:24' \
	    'gluedmonth	comment	2	0	cleverpiggy	2025-10-29T16:13' \
	    'gluedmonth	comment	3	0	Stephie N	2025-10-29T23:44' \
	    'gluedmonth	comment	4	0	Kiss and Make-up	2025-10-30T09:02' \
	    'gluedmonth	comment	5	0	redhead686	2025-10-30T13:23')"
}

@test "a date line over 'Name says:' dates that comment ('10. Jul, 2025 /')" {
	run -0 layout dateverb
	assert_output "$(printf '%s\n' \
	    'dateverb	body	0	0		' \
	    'dateverb	comment	1	0	Mandy Stone	2025-07-10' \
	    'dateverb	comment	2	0	Deidre	2025-07-10' \
	    'dateverb	comment	3	0	peacock	2025-07-11')"
	run -0 text_of dateverb 3
	assert_output 'Food cravings beat the other side effects, trust me.'
}

@test "headings and menu entries under a count are no names over comments" {
	run -0 layout headings
	assert_output 'headings	body	0	0		'
}

@test "the last comment ends where six lines in a row end no sentence: a sidebar of titles and names" {
	run -0 layout sidebar
	assert_output "$(printf '%s\n' \
	    'sidebar	body	0	0		' \
	    'sidebar	comment	1	0	Tom Reyes	2025-11-07T13:02' \
	    'sidebar	comment	2	0	gsilver	2025-11-07T13:40' \
	    'sidebar	comment	3	0	Terrible But True	2025-11-07T14:18')"
	run -0 text_of sidebar 4
	assert_output "$(printf '%s\n' 'Uncritical belief?' \
	    'He could get a seat on the board next, even the top job, which will soon be open.')"
	run -0 text_of sidebar 1
	assert_output --partial 'Most commented'
}

@test "'Anything to add?' and 'All comments are moderated...' begin the reply form" {
	run -0 layout prompt
	assert_output "$(printf '%s\n' \
	    'prompt	body	0	0		' \
	    'prompt	comment	1	0	Chris Lane	2025-11-06' \
	    'prompt	comment	2	0	sampath	2025-11-07' \
	    'prompt	comment	3	0	Jo Dooley	2025-11-07')"
	run -0 text_of prompt 4
	assert_output 'It made me want to buy a notebook and start drawing again.'
}

@test "a record of name, date, words and a control repeated after the article is a comment section without a header" {
	run -0 layout records
	assert_output "$(printf '%s\n' \
	    'records	body	0	0		' \
	    'records	comment	1	0	Morag Leslie	2025-03-12' \
	    'records	comment	2	0	Duncan Fyfe	2025-03-12' \
	    'records	comment	3	2	Ewan Sutherland	2025-03-13' \
	    'records	comment	4	0	Isla Munro	2025-03-14' \
	    'records	comment	5	0	skipper77	2025-03-14')"
	run -0 text_of records 3
	assert_output "$(printf '%s\n' \
	    'The Friday crossing is welcome, but the school run still clashes with the early boat.' \
	    'I hope they look at that again before the term starts.')"
	run -0 text_of records 1
	assert_output --partial 'a decision on that is expected next week.'
	assert_output --partial 'Sign up for our newsletter'
	refute_output --partial 'Six weeks in winter'
	refute_output --partial 'Flag'
}

@test "one dated record of name, date and words under the reply form is a comment" {
	run -0 layout recordone
	assert_output "$(printf '%s\n' \
	    'recordone	body	0	0		' \
	    'recordone	comment	1	0	Catriona Bell	2025-03-14')"
	run -0 text_of recordone 2
	assert_output 'Will the reserved seat cover the Friday crossing too?'
	run -0 text_of recordone 1
	assert_output --partial 'Leave a Reply'
}

@test "names and dates over one-line headlines after the article are no comment section" {
	run -0 layout recordheadlines
	assert_output 'recordheadlines	body	0	0		'
}

@test "a columnist's dated posts after the article, one name over each, are no comment section" {
	run -0 layout recordcolumnist
	assert_output 'recordcolumnist	body	0	0		'
}

@test "an article's dated updates, with or without the reply form under them, are no comments" {
	run -0 layout recordupdates
	assert_output 'recordupdates	body	0	0		'
	run -0 layout recordupdate
	assert_output 'recordupdate	body	0	0		'
}

@test "speakers' names over their answers in an interview are no comment section" {
	run -0 layout recordinterview
	assert_output 'recordinterview	body	0	0		'
}

@test "a list of short remarks under 'by Name date' lines after the article is a comment section" {
	run -0 layout bylinecount
	assert_output "$(printf '%s\n' \
	    'bylinecount	body	0	0		' \
	    'bylinecount	comment	1	0	Peter Quayle	2025-10-02T10:02' \
	    'bylinecount	comment	2	0	ann.k	2025-10-03T20:40' \
	    'bylinecount	comment	3	0	Tom Corkill	2025-10-03T21:12')"
	run -0 text_of bylinecount 3
	assert_output 'Thanks to the volunteers, we owe them a lot.'
	run -0 text_of bylinecount 1
	assert_output --partial 'by Jane Corlett October 2, 2025 9:15 AM'
	assert_output --partial 'dropped for good.'
	refute_output --partial 'Will the café open'
}

@test "short remarks under names and dates are comments; headlines in their place are not" {
	run -0 layout recordshort
	assert_output "$(printf '%s\n' \
	    'recordshort	body	0	0		' \
	    'recordshort	comment	1	0	mossy_hill	2025-10-02' \
	    'recordshort	comment	2	0	Peter Quayle	2025-10-02' \
	    'recordshort	comment	3	0	ann.k	2025-10-03' \
	    'recordshort	comment	4	0	Joan Kermode	2025-10-04')"
	run -0 text_of recordshort 5
	assert_output 'I hope the lift gets fixed first :)'
	run -0 layout recordtitles
	assert_output 'recordtitles	body	0	0		'
}

@test "numbered headlines by their authors under a bare header are no comment section" {
	run -0 layout postlist
	assert_output 'postlist	body	0	0		'
}

@test "a long first comment under a count header below the article is kept whole" {
	run -0 layout longfirst
	assert_output "$(printf '%s\n' \
	    'longfirst	body	0	0		' \
	    'longfirst	comment	1	0	quietreader	2025-10-02T09:15' \
	    'longfirst	comment	2	0	Peter Quayle	2025-10-02T10:02' \
	    'longfirst	comment	3	0	ann.k	2025-10-03T20:40')"
	run -0 text_of longfirst 2
	assert_output --partial 'The library has needed longer hours for years'
	assert_output --partial 'The old building has asked.'
	run -0 text_of longfirst 1
	assert_output --partial 'dropped for good.'
	refute_output --partial 'The library has needed longer hours'
	refute_output --partial 'Reply to this comment'
}

@test "a comment of more than sixty lines between two dated ones keeps the section whole" {
	run -0 layout longgap
	assert_output "$(printf '%s\n' \
	    'longgap	body	0	0		' \
	    'longgap	comment	1	0	Rhona Quirk	2025-10-02T09:15' \
	    'longgap	comment	2	0	Peter Quayle	2025-10-02T11:40' \
	    'longgap	comment	3	0	Tom Corkill	2025-10-03T20:02')"
	run -0 text_of longgap 3
	assert_output --partial 'In week 1 the boiler was mended late'
	assert_output --partial 'In week 70 the windows came up'
	refute_output --partial 'Reply'
	run -0 text_of longgap 4
	assert_output 'Thank you for keeping such careful notes, Peter.'
}

@test "a dated line over sixty lines of menus below the comments is no comment" {
	run -0 layout longgapmenu
	assert_output "$(printf '%s\n' \
	    'longgapmenu	body	0	0		' \
	    'longgapmenu	comment	1	0	Rhona Quirk	2025-10-02T09:15' \
	    'longgapmenu	comment	2	0	Peter Quayle	2025-10-02T11:40')"
	run -0 text_of longgapmenu 1
	assert_output --partial 'The council will decide on the ferry timetable'
}

@test "a lone dated record by the reply form under a short caption counts when a header counts one" {
	run -0 layout recordcaption
	assert_output "$(printf '%s\n' \
	    'recordcaption	body	0	0		' \
	    'recordcaption	comment	1	0	Tom Corkill	March 4th')"
	run -0 text_of recordcaption 2
	assert_output "Brilliant… the skipper's face is exactly right, I've seen that look every morning this month."
	run -0 layout recordcaption4
	assert_output 'recordcaption4	body	0	0		'
}

@test "the last comment ends at a short line the page repeats below it" {
	run -0 layout lastrepeat
	assert_output "$(printf '%s\n' \
	    'lastrepeat	body	0	0		' \
	    'lastrepeat	comment	1	0	Rhona Q.	3 hours ago' \
	    'lastrepeat	comment	2	0	Tom C.	7 hours ago')"
	run -0 text_of lastrepeat 3
	assert_output 'Good to see the reading group helping out at the desk.'
	run -0 text_of lastrepeat 1
	assert_output --partial 'Stay in Touch'
	assert_output --partial 'Popular Stories'
}

@test "a short line of the last comment that stands only above it stays in the comment" {
	run -0 text_of lastabove 3
	assert_output --partial 'Sunday Opening Hours'
	assert_output --partial 'are long overdue, and the students will use them.'
}

@test "'Post a New Comment' opens the reply form under a lone counted comment" {
	run -0 layout postnew
	assert_output "$(printf '%s\n' \
	    'postnew	body	0	0		' \
	    'postnew	comment	1	0	Rhona Quirk	')"
	run -0 text_of postnew 2
	assert_output 'I will bring my whole reading group on the first Sunday.'
	run -0 text_of postnew 1
	assert_output --partial 'Enter your information below to add a new comment.'
}

@test "trailers under short comments, the last right over the reply form, close their comments" {
	run -0 layout shorttrailers
	assert_output "$(printf '%s\n' \
	    'shorttrailers	body	0	0		' \
	    'shorttrailers	comment	1	0	Rhona Quirk	2025-10-02T18:50' \
	    'shorttrailers	comment	2	0	Tom Corkill	2025-10-02T19:07' \
	    'shorttrailers	comment	3	0	Joan Kermode	2025-10-03T09:12')"
	run -0 text_of shorttrailers 2
	assert_output 'About time'
	run -0 text_of shorttrailers 4
	assert_output 'Sundays it is'
}

@test "the same blocks with words under the last one head their comments" {
	run -0 text_of shortheads 2
	assert_output 'About time'
	run -0 text_of shortheads 4
	assert_output 'Sundays it is'
}

@test "a post's byline under its count is no comment; the count vouches for a long comment under a bare header" {
	run -0 layout postcount
	assert_output "$(printf '%s\n' \
	    'postcount	body	0	0		' \
	    'postcount	comment	1	0	Rhona Quirk	2025-10-02T10:11' \
	    'postcount	comment	2	0	Tom Corkill	2025-10-02T10:24' \
	    'postcount	comment	3	0	Joan Kermode	2025-10-02T14:34')"
	run -0 text_of postcount 1
	assert_output --partial 'By Jane Corlett // October 2nd, 2025 // 9:41 am'
	assert_output --partial 'The town library will open on Sunday afternoons'
	refute_output --partial 'Good to see the hours grow at last.'
	run -0 text_of postcount 4
	assert_output --partial 'The library has needed longer hours for years'
	refute_output --partial 'Link to this comment'
}

@test "a count that differs from the comments found vouches for no long comment" {
	run -0 layout postcount7
	assert_output 'postcount7	body	0	0		'
}

@test "'The comments to this entry are closed.' ends a section of short comments over their trailers" {
	run -0 layout entryclosed
	assert_output "$(printf '%s\n' \
	    'entryclosed	body	0	0		' \
	    'entryclosed	comment	1	0	Rhona Quirk	2025-10-02T09:15' \
	    'entryclosed	comment	2	0	Tom Corkill	2025-10-02T11:40')"
	run -0 text_of entryclosed 2
	assert_output 'Love it'
	run -0 text_of entryclosed 3
	assert_output 'So true'
	run -0 text_of entryclosed 1
	assert_output --partial 'The comments to this entry are closed.'
}

@test "'Related Posts' under the last comment ends it, and above the section stays in the body" {
	run -0 layout related
	assert_output "$(printf '%s\n' \
	    'related	body	0	0		' \
	    'related	comment	1	0	Rhona Quirk	2025-10-02T14:06' \
	    'related	comment	2	0	Tom Corkill	2025-10-03T12:53')"
	run -0 text_of related 3
	assert_output 'It is OK'
	run -0 text_of related 1
	assert_output --partial 'Parking Charges Rise Again'
}

@test "names over words end where the names turn to capitals for good (a sidebar's headings)" {
	run -0 layout capsidebar
	assert_output "$(printf '%s\n' \
	    'capsidebar	body	0	0		' \
	    'capsidebar	comment	1	0	Amy D.	' \
	    'capsidebar	comment	2	0	Jonathan Quayle	' \
	    'capsidebar	comment	3	0	Ella Corkill	' \
	    'capsidebar	comment	4	0	Joan Kermode	' \
	    'capsidebar	comment	5	0	Morag Leslie	' \
	    'capsidebar	comment	6	0	Duncan Fyfe	' \
	    'capsidebar	comment	7	0	Isla Munro	' \
	    'capsidebar	comment	8	0	Ewan Sutherland	')"
	run -0 text_of capsidebar 9
	assert_output 'My daughter will be glad of the quiet room for revision.'
	run -0 text_of capsidebar 1
	assert_output --partial 'FOR THE NEWSLETTER'
}

@test "names in capitals among readers' names in small letters stay comments" {
	run -0 layout capsmixed
	assert_line --index 9 'capsmixed	comment	9	0	PETER TO SPEAK	'
	assert_line --index 10 'capsmixed	comment	10	0	FOR THE NEWSLETTER	'
	assert_line --index 11 'capsmixed	comment	11	0	Ann Lowe	'
}

@test "a lone comment signed 'Posted by: Name on date' and closed by a report control is a comment" {
	run -0 layout lonesigned
	assert_output "$(printf '%s\n' \
	    'lonesigned	body	0	0		' \
	    'lonesigned	comment	1	0	Ailsa, Tobermory	9:41am Wed 2 Jan 08')"
	run -0 text_of lonesigned 2
	assert_output 'Two sailings a day is what we had ten years ago. It is a start, but the evening boat matters most to anyone who works on the mainland.'
	run -0 text_of lonesigned 1
	assert_output --partial 'Add your comment'
	refute_output --partial 'Report this post'
}

@test "an article's 'Posted by:' byline over its text, a report link under it, is no comment" {
	run -0 layout signedbyline
	assert_output 'signedbyline	body	0	0		'
}

@test "Disqus rendered: names over words right above 'blog comments powered by' are comments" {
	run -0 layout disqusrendered
	assert_output "$(printf '%s\n' \
	    'disqusrendered	body	0	0		' \
	    'disqusrendered	comment	1	0	Morag Leslie	' \
	    'disqusrendered	comment	2	0	Anonymous	')"
	run -0 text_of disqusrendered 3
	assert_output "$(printf '%s\n' 'good news at last, thank you' \
	    'Will the small boats still be able to land their catch at the north steps while the work goes on, or only at the slipway?')"
	run -0 text_of disqusrendered 1
	assert_output --partial 'Please read the guidelines before commenting.'
	assert_output --partial 'blog comments powered by Disqus'
	refute_output --partial 'Eleven weeks sounds optimistic'
}

@test "Disqus placeholder under the previous and next posts' titles leaves the page one body" {
	run -0 layout disqusnav
	assert_output 'disqusnav	body	0	0		'
}

@test "Disqus rendered: the post's 'filed under' footer above the names is no comment" {
	run -0 layout disqusfiled
	assert_output "$(printf '%s\n' \
	    'disqusfiled	body	0	0		' \
	    'disqusfiled	comment	1	0	morag	' \
	    'disqusfiled	comment	2	0	Duncan Fyfe	')"
	run -0 text_of disqusfiled 1
	assert_output --partial 'is filed under Harbour News.'
}

@test "a lone reader's name over words under the post's 'Filed under' footer is a comment, up to the next heading" {
	run -0 layout filedunder
	assert_output "$(printf '%s\n' \
	    'filedunder	body	0	0		' \
	    'filedunder	comment	1	0	Morag	')"
	run -0 text_of filedunder 2
	assert_output 'Eleven weeks sounds optimistic to me. The last repair took twice that.'
	run -0 text_of filedunder 1
	assert_output --partial 'This site covers the news of the harbour'
}

@test "the post author's biography under the 'Filed under' footer is no comment" {
	run -0 layout filedbio
	assert_output 'filedbio	body	0	0		'
}

@test "a pingback under a header counting one comment is that comment" {
	run -0 layout pingback
	assert_output "$(printf '%s\n' \
	    'pingback	body	0	0		' \
	    'pingback	comment	1	0		')"
	run -0 text_of pingback 2
	assert_output 'Pingback: Weekly round-up of coastal news | The Shore Blog'
}

@test "numbered comments with dates split over lines, each signed '— Posted by Name' under its words" {
	run -0 layout postedtail
	assert_output "$(printf '%s\n' \
	    'postedtail	body	0	0		' \
	    'postedtail	comment	1	0	Morag, Tobermory	March 3rd' \
	    'postedtail	comment	2	0	Duncan Fyfe	March 3rd' \
	    'postedtail	comment	3	0	Ewan	March 4th')"
	run -0 text_of postedtail 3
	assert_output "$(printf '%s\n' 'Will the slipway stay open at weekends too?' \
	    'It matters for the sailing club.')"
	run -0 text_of postedtail 1
	assert_output --partial 'Add your comments...'
	refute_output --partial 'Posted by'
}

@test "Tumblr notes: 'Name reblogged this from Other and added:' and 'Name said:' head comments; likes and bare reblogs are no words" {
	run -0 layout tumblr
	assert_output "$(printf '%s\n' \
	    'tumblr	body	0	0		' \
	    'tumblr	comment	1	0	morag-sails	' \
	    'tumblr	comment	2	0	duncan-fyfe	' \
	    'tumblr	comment	3	0	ewan-s	')"
	run -0 text_of tumblr 2
	assert_output 'Eleven weeks sounds optimistic. The last repair took twice that.'
	run -0 text_of tumblr 4
	assert_output 'Good news at last for the boats.'
}

@test "one signed comment between a bare 'Comment(s)' header and the log-in notice is a comment" {
	run -0 layout framedone
	assert_output "$(printf '%s\n' \
	    'framedone	body	0	0		' \
	    'framedone	comment	1	0	morag_sails	2025-03-03T13:32')"
	run -0 text_of framedone 2
	assert_output 'Eleven weeks sounds optimistic. The last repair took twice that.'
	run -0 text_of framedone 1
	assert_output --partial 'You must Login or Register to post.'
	refute_output --partial 'Comment(s)'
}

@test "signature blocks under numbered titles: a title that reads like a name is still words" {
	run -0 layout numtitles
	assert_output "$(printf '%s\n' \
	    'numtitles	body	0	0		' \
	    'numtitles	comment	1	0	Morag	03/04/2025 09:12' \
	    'numtitles	comment	2	0	Duncan Fyfe	03/03/2025 18:40' \
	    'numtitles	comment	3	0	Duncan Fyfe	03/03/2025 18:31' \
	    'numtitles	comment	4	0	Ewan	03/03/2025 08:05')"
	run -0 text_of numtitles 3
	assert_output 'Continuation of Message Two'
}

@test "'Name says:' under its header wins over dated links to other posts under a count" {
	run -0 layout verbovertails
	assert_output "$(printf '%s\n' \
	    'verbovertails	body	0	0		' \
	    'verbovertails	comment	1	0	Morag	2025-03-03T09:12')"
	run -0 text_of verbovertails 1
	assert_output --partial '» One Year Ago This Week (February 24th – March 2nd)'
}

@test "a linked list of names reaches up through comments of several sentences to the first name" {
	run -0 layout linkedlong
	assert_output "$(printf '%s\n' \
	    'linkedlong	body	0	0		' \
	    'linkedlong	comment	1	0	morag_s	' \
	    'linkedlong	comment	2	0	harbourtimes	' \
	    'linkedlong	comment	3	0	Duncan Fyfe	' \
	    'linkedlong	comment	4	0	harbourtimes	' \
	    'linkedlong	comment	5	0	Ewan S	')"
	run -0 text_of linkedlong 2
	assert_output "$(printf '%s\n' 'I used to think eleven weeks was long for a wall. Now it seems short to me.' \
	    'Will the slipway stay open at weekends too?')"
	run -0 text_of linkedlong 1
	assert_output --partial 'Ferry fares to rise in April »'
}

@test "a comment's words shown twice in a row by the page are its words once" {
	run -0 layout twice
	assert_output "$(printf '%s\n' \
	    'twice	body	0	0		' \
	    'twice	comment	1	0	Ailsa, Tobermory	9:41am Wed 2 Jan 08')"
	run -0 text_of twice 2
	assert_output "$(printf '%s\n' 'Two sailings a day is what we had ten years ago.' \
	    'The evening boat matters most to anyone who works on the mainland.')"
	run -0 text_of twice 1
	refute_output --partial 'Two sailings a day'
}

@test "a teaser of a comment's first lines over its whole words is left out" {
	run -0 layout teaser
	assert_output "$(printf '%s\n' \
	    'teaser	body	0	0		' \
	    'teaser	comment	1	0	Ailsa, Tobermory	9:41am Wed 2 Jan 08' \
	    'teaser	comment	2	0	Iain Munro	10:02am Wed 2 Jan 08' \
	    'teaser	comment	3	0	Ailsa, Tobermory	11:15am Wed 2 Jan 08')"
	run -0 text_of teaser 2
	assert_output "$(printf '%s\n' 'Two sailings a day is what we had ten years ago.' \
	    'The evening boat matters most to anyone who works on the mainland.')"
	run -0 text_of teaser 3
	assert_output "$(printf '%s\n' 'The summer timetable will tell us more than this one.' \
	    'Nah.' 'Wait for June.')"
}

@test "dates with readers' names under them head their comments, whatever line stands under the header" {
	run -0 layout dateover
	assert_output "$(printf '%s\n' \
	    'dateover	body	0	0		' \
	    'dateover	comment	1	0	Morag Leslie	03.03.25 at 9:12 am' \
	    'dateover	comment	2	0	Duncan Fyfe	03.03.25 at 10:40 am' \
	    'dateover	comment	3	0	Ewan	03.03.25 at 8:05 pm')"
	run -0 text_of dateover 2
	assert_output 'Eleven weeks sounds optimistic. The last repair took twice that.'
	run -0 text_of dateover 4
	assert_output 'Good news at last for the boats, and about time.'
	run -0 text_of dateover 1
	assert_output --partial 'that the slipway would stay open for small boats.'
	refute_output --partial 'Eleven weeks'
}

@test "a page splits alike before and after tens of thousands of other lines" {
	# Lines seen are remembered by their bytes, a bounded number of
	# them: the filler between the two copies empties that memory.
	run -0 layout wordpress
	once=$output
	{
		pages "$SC/wordpress.txt"
		awk 'BEGIN { printf "filler\t"
		    for (i = 0; i < 30000; i++)
			printf "Line %d of other words, May %d, 2012\\n", i,
			    i % 28 + 1
		    printf "\n" }'
		pages "$SC/wordpress.txt" | tail -n +2
	} > "$BATS_TEST_TMPDIR/many.tsv"
	run -0 bash -c 'split-comments "$1" | cut -f 1,3-7 |
	    grep "^wordpress"' _ "$BATS_TEST_TMPDIR/many.tsv"
	assert_output "$(printf '%s\n%s' "$once" "$once")"
}

@test "LiveJournal: '(N comments)', user name, date with '(UTC)', '(Reply) (Thread)'" {
	run -0 layout journal
	assert_output "$(printf '%s\n' \
	    'journal	body	0	0		' \
	    'journal	comment	1	0	fellwalker	2025-03-02T18:02' \
	    'journal	comment	2	0	inkandpaper	2025-03-02T19:15' \
	    'journal	comment	3	0	quietreader	2025-03-03T09:12')"
	run -0 text_of journal 3
	assert_output 'Does anyone know whether the map collection moved upstairs as well?'
	run -0 text_of journal 1
	refute_output --partial 'Post a new comment'
}

@test "names over words signed 'Posted: date' under a bare 'Comments' header" {
	run -0 layout signedtails
	assert_output "$(printf '%s\n' \
	    'signedtails	body	0	0		' \
	    'signedtails	comment	1	0	Isla Carmichael	3/2/2025 6:02 PM' \
	    'signedtails	comment	2	0	Fergus Dunn	3/2/2025 7:15 PM')"
	run -0 text_of signedtails 2
	assert_output 'At last. The old room downstairs was far too cold in winter.'
}

@test "words signed '- Name, Town, date' with rating controls between comments" {
	run -0 layout rated
	assert_output "$(printf '%s\n' \
	    'rated	body	0	0		' \
	    'rated	comment	1	0	Isla Carmichael, Kelso	2/3/2025 18:02' \
	    'rated	comment	2	0	Fergus Dunn, Hawick	2/3/2025 19:15' \
	    'rated	comment	3	0	Ailsa, Selkirk	3/3/2025 09:12')"
	# the sort controls above the first are not its words
	run -0 text_of rated 2
	assert_output 'At last. The old room downstairs was far too cold in winter.'
	run -0 text_of rated 3
	assert_output 'Does anyone know whether the map collection moved upstairs as well?'
}

@test "'Name commented:' heads a comment under a 'What readers say' header" {
	run -0 layout commented
	assert_output "$(printf '%s\n' \
	    'commented	body	0	0		' \
	    'commented	comment	1	0	Isla Carmichael	' \
	    'commented	comment	2	0	Fergus Dunn	')"
}

@test "a date under a comment's words, over a blank line, dates that comment, not the next" {
	run -0 layout wrotedated
	assert_output "$(printf '%s\n' \
	    'wrotedated	body	0	0		' \
	    'wrotedated	comment	1	0	Isla Carmichael	3/2/2025 6:02 PM' \
	    'wrotedated	comment	2	0	Fergus Dunn	3/2/2025 7:15 PM')"
}

@test "Blogger without a header: 'said...' over words closed by a time stamp, the last over the reply form" {
	run -0 layout saidstamps
	assert_output "$(printf '%s\n' \
	    'saidstamps	body	0	0		' \
	    'saidstamps	comment	1	0	the crumb collector	7:28 PM' \
	    'saidstamps	comment	2	0	Lemon and Lavender	12:43 PM')"
	run -0 text_of saidstamps 3
	assert_output 'I love the crust on this one.'
}

@test "without a header, names glued to their dates over words and controls make the section" {
	run -0 layout gluednames
	assert_output "$(printf '%s\n' \
	    'gluednames	body	0	0		' \
	    'gluednames	comment	1	0	Maren Lindqvist	3/10/25 2:59 PM' \
	    'gluednames	comment	2	0	Olav Brekke	3/10/25 8:22 PM' \
	    'gluednames	comment	3	0	Sigrid Aune	3/11/25 9:21 AM')"
}

@test "without a header, the post's own name and date over the article start no comment; 'Respond' is a control" {
	run -0 layout bylinedate
	assert_output "$(printf '%s\n' \
	    'bylinedate	body	0	0		' \
	    'bylinedate	comment	1	0	Eirik Dahl	2025-03-02T21:58' \
	    'bylinedate	comment	2	0	Tove Halvorsen	2025-03-03T08:45' \
	    'bylinedate	comment	3	0	Liv Berg	2025-03-03T16:29')"
	run -0 text_of bylinedate 1
	assert_output --partial 'The night ferry leaves the north pier'
	run -0 text_of bylinedate 4
	assert_output 'Take a warm hat. The deck is bitter even in May.'
}

@test "the reply form's field labels end the last comment when the form has no heading" {
	run -0 layout formfields
	assert_output "$(printf '%s\n' \
	    'formfields	body	0	0		' \
	    'formfields	comment	1	0	Agnes Moffat	2025-01-12T10:02' \
	    'formfields	comment	2	0	Hamish Low	2025-01-12T16:15')"
	run -0 text_of formfields 3
	assert_output 'Is the path clear of mud after the rain, or are boots a must?'
}

# Split the signedtails page with its bare "Comments" header replaced by
# the line $1, printing the comment records.
retitled() {
	sed "s/^Comments\$/$1/" "$SC/signedtails.txt" \
	    > "$BATS_TEST_TMPDIR/page.txt"
	pages "$BATS_TEST_TMPDIR/page.txt" > "$BATS_TEST_TMPDIR/in.tsv"
	split-comments -c "$BATS_TEST_TMPDIR/in.tsv"
}

@test "count headers in their wordings: 'Comments: N', 'Showing N comments', 'Three comments', pagers, possessives" {
	for h in 'Comments: 2' 'Showing 2 comments' '2 people have commented' \
	    'Comments for this entry:' 'Two comments' \
	    'Two Responses to “New reading room”' 'Comments 1 - 2 of 2' \
	    'Showing 1-2 of 2 comments' 'Discussion: 2 comments' \
	    '2 comments posted' "2 Readers' Comments"; do
		run -0 retitled "$h"
		assert_line -n 1 --partial 'Isla Carmichael'
		assert_line -n 2 --partial 'Fergus Dunn'
	done
}

@test "a menu's word or a bare pager is no count header" {
	for h in 'Talkback' '1 - 2 of 2'; do
		run -0 retitled "$h"
		assert_output "$(printf 'id\ttext\tpart\tseq\tparent\tauthor\tdate')"
	done
}

@test "the site's copyright line ends the comments: the link above it heads no comment" {
	run -0 layout namesfooter
	assert_output "$(printf '%s\n' \
	    'namesfooter	body	0	0		' \
	    'namesfooter	comment	1	0	Bethan Pryce	' \
	    'namesfooter	comment	2	0	Rhodri Evans	' \
	    'namesfooter	comment	3	0	Carys Lloyd	')"
	run -0 text_of namesfooter 4
	assert_output 'Lovely news. The soil by the old orchard is the best in town.'
	run -0 text_of namesfooter 1
	assert_output --partial 'Copyright 2025 Valley Weekly.'
}

@test "without a header, controls after a bar ('| Reply') under names and dates make the section" {
	run -0 layout barcontrols
	assert_output "$(printf '%s\n' \
	    'barcontrols	body	0	0		' \
	    'barcontrols	comment	1	0	Ailsa Munro	2025-11-10T07:19' \
	    'barcontrols	comment	2	0	Callum Reid	2025-11-10T07:27' \
	    'barcontrols	comment	3	0	Isla Grant	2025-11-10T08:19')"
	run -0 text_of barcontrols 3
	assert_output 'Nine is too early for the last crossing back on a Friday. Could there be a later one at the weekend?'
}

@test "under a bare 'Comments' header below a longer article, a long last comment is kept" {
	run -0 layout longlast
	assert_output "$(printf '%s\n' \
	    'longlast	body	0	0		' \
	    'longlast	comment	1	0	Morven Kerr	2025-11-06T10:11' \
	    'longlast	comment	2	0	Fraser Doig	2025-11-06T10:24' \
	    'longlast	comment	3	0	Eilidh Shaw	2025-11-06T18:42')"
	run -0 text_of longlast 4
	refute_output --partial 'Leave a Comment'
	assert_equal "$(printf '%s' "$output" | wc -w)" 417
}

@test "without a header or controls, names over dates stamped to the minute, over sentences, above the reply form make the section" {
	run -0 layout stamped
	assert_output "$(printf '%s\n' \
	    'stamped	body	0	0		' \
	    'stamped	comment	1	0	Siobhan Kelly	2025-03-03T08:03' \
	    'stamped	comment	2	0	Declan Moore	2025-03-03T09:10' \
	    'stamped	comment	3	0	Niamh Doyle	2025-03-04T19:45')"
	run -0 text_of stamped 1
	assert_output --partial 'Ships do not need the light any more'
	refute_output --partial 'grandfather'
}

@test "a question about a day in a comment is its words, not a date line" {
	sed 's/^Is the tower open .*$/Was the tower open on March 3?/' "$SC/stamped.txt" > "$BATS_TEST_TMPDIR/q.txt"
	pages "$BATS_TEST_TMPDIR/q.txt" > "$BATS_TEST_TMPDIR/in.tsv"
	run -0 bash -c 'split-comments "$1" | cut -f 3,6 | tail -n +2' _ "$BATS_TEST_TMPDIR/in.tsv"
	assert_output "$(printf '%s\n' 'body	' 'comment	Siobhan Kelly' 'comment	Declan Moore' 'comment	Niamh Doyle')"
}

@test "comments signed under their words with a dash ('— Name', '— Name, Town') under a header" {
	run -0 layout dashsig
	assert_output "$(printf '%s\n' \
	    'dashsig	body	0	0		' \
	    'dashsig	comment	1	0	Gwen Talbot	' \
	    'dashsig	comment	2	0	Owen Price	' \
	    'dashsig	comment	3	0	Mair Jenkins	')"
	run -0 text_of dashsig 2
	assert_output 'About time. Sunday is the only day I have free to take the children.'
}

@test "a list of quotations signed with dashes, without a header, is the article" {
	run -0 layout quotelist
	assert_output 'quotelist	body	0	0		'
}

@test "numbered blocks of name, town and date: the name is the author, the town and 'Recommend 14' are no words, the time on the next line dates it" {
	run -0 layout numberedtown
	assert_output "$(printf '%s\n' \
	    'numberedtown	body	0	0		' \
	    'numberedtown	comment	1	0	Hannah Whitlock	2025-03-13T14:22' \
	    'numberedtown	comment	2	0	Rupert Quayle	2025-03-13T15:10' \
	    'numberedtown	comment	3	0	Tamsin Rowe	2025-03-13T16:01')"
	run -0 text_of numberedtown 2
	assert_output 'Six weeks without the train has been hard on everyone who works in the city. Good news at last.'
}

@test "a name, a rank and 'jump to post' head each comment, the date closes it, under a log-in prompt" {
	run -0 layout ranked
	assert_output "$(printf '%s\n' \
	    'ranked	body	0	0		' \
	    'ranked	comment	1	0	quietfan	2025-03-13T14:22' \
	    'ranked	comment	2	0	byte_wrangler	2025-03-13T15:10' \
	    'ranked	comment	3	0	nellie.k	2025-03-13T16:01')"
	run -0 text_of ranked 3
	assert_output 'The numbers on the slides are always best case. Wait for the independent tests.'
}

@test "forum-style subjects ('Re: Title', 'Re:Cost (Score:1)') over bylines head two comments or more" {
	run -0 layout subjects
	assert_output "$(printf '%s\n' \
	    'subjects	body	0	0		' \
	    'subjects	comment	1	0	Gwilym Rees	2025-03-14T09:12' \
	    'subjects	comment	2	0	Alys Morgan	2025-03-14T11:40')"
	run -0 text_of subjects 3
	assert_output 'Does anyone know whether the clock face will be lit again as well?'
	run -0 text_of subjects 1
	refute_output --partial 'Re:'
	run -0 layout scored
	assert_output "$(printf '%s\n' \
	    'scored	body	0	0		' \
	    'scored	comment	1	0	Iestyn Powell	2025-03-14T09:12' \
	    'scored	comment	2	0	Cerys Vaughan	2025-03-14T11:40')"
	run -0 text_of scored 2
	assert_output 'The car park by the market has been half empty every Saturday since January.'
}

@test "words closed by 'Added: date' over a 'Name, Town' signature: the signature names the author, the line dates it" {
	run -0 layout addedsigned
	assert_output "$(printf '%s\n' \
	    'addedsigned	body	0	0		' \
	    'addedsigned	comment	1	0	Bronwen Hughes	2025-03-14T09:12' \
	    'addedsigned	comment	2	0	Dafydd Lloyd	2025-03-14T10:40' \
	    'addedsigned	comment	3	0	Ffion Evans	2025-03-14T13:05')"
	run -0 text_of addedsigned 3
	assert_output 'Will the path be lit? In winter it is dark by five.'
	run -0 text_of addedsigned 1
	refute_output --partial 'Recommended by'
}

@test "'Comment #1 by Name on date' lines head comments without a header: the 'by' names a reader, not the post's author" {
	run -0 layout commentnumbered
	assert_output "$(printf '%s\n' \
	    'commentnumbered	body	0	0		' \
	    'commentnumbered	comment	1	0	Morwenna Treloar	2025-03-09T18:40' \
	    'commentnumbered	comment	2	0	Jago Pascoe	2025-03-09T20:15' \
	    'commentnumbered	comment	3	0	Kerensa Hicks	2025-03-10T07:02')"
	run -0 text_of commentnumbered 1
	assert_output --partial 'Posted by the secretary'
	refute_output --partial 'My knuckles'
}

@test "a reader's points after the name ('Name 14p · 3 days ago') are no part of the author, nor a count of replies ('1 reply') of the words" {
	run -0 layout pointsnames
	assert_output "$(printf '%s\n' \
	    'pointsnames	body	0	0		' \
	    'pointsnames	comment	1	0	Bryony Ashworth	3 days ago' \
	    'pointsnames	comment	2	0	Tobias Greenhalgh	2 days ago')"
	run -0 text_of pointsnames 2
	assert_output 'We see the same by the beck. The fog sits there until ten.'
}

@test "a rendered reply names whom it answers after the author ('Name Other • date', 'Name Mod Other • date'): the parent, cut from the author" {
	run -0 layout gluedtargets
	assert_output "$(printf '%s\n' \
	    'gluedtargets	body	0	0		' \
	    'gluedtargets	comment	1	0	Oona Kilbride	2 days ago' \
	    'gluedtargets	comment	2	1	Declan Furey	2 days ago' \
	    'gluedtargets	comment	3	2	Riverside Choir	1 day ago')"
}

@test "a comment opening with an earlier reader's first name and a comma, or quoting 'Name said:', answers that reader" {
	run -0 layout addressed
	assert_output "$(printf '%s\n' \
	    'addressed	body	0	0		' \
	    'addressed	comment	1	0	Rhiannon Price	2025-03-13T09:02' \
	    'addressed	comment	2	1	Gethin Howells	2025-03-13T10:30' \
	    'addressed	comment	3	0	Eluned Morris	2025-03-13T13:10' \
	    'addressed	comment	4	3	Gethin Howells	2025-03-13T15:45')"
	run -0 text_of addressed 5
	assert_output "$(printf '%s\n' 'Mine came up a different shade.' \
	    "They may have crossed with a neighbour's variety. Grow them well apart.")"
}
