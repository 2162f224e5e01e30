#!/usr/bin/env bats
# strip-boilerplate: scraped page text reduced to the article and its
# reader comments, with every removed line accounted for.

load test_helper

SB="$BATS_TEST_DIRNAME/fixtures/strip-boilerplate"

# Clean the article fixture with the options given and print the text of
# its record, unescaped.
article_text() {
	strip-boilerplate "$@" "$SB/article.tsv" |
	    awk -F '\t' 'NR == 2 { gsub(/\\n/, "\n"); print $2 }'
}

@test "the article's paragraphs are kept in order" {
	run -0 article_text
	assert_output --regexp 'sea wall that has guarded.*decision ends.*four million pounds.*surveying the foundations'
}

@test "the headline is kept once and the page title that repeats it goes" {
	run -0 article_text
	assert_line 'Harbour town votes to rebuild its old sea wall'
	refute_line --partial 'The Coastal Courier'
}

@test "a one-line quote, a subheading and a dateline inside the article are kept" {
	run -0 article_text
	assert_line '"We are keeping the wall."'
	assert_line 'How the money will be found'
	assert_line 'PORTHAVEN, March 3 -'
}

@test "the reader comments are kept and the comment form goes" {
	run -0 article_text
	assert_line --partial 'I grew up next to that wall'
	assert_line --partial 'Four million is a lot of money'
	assert_line --partial 'They should have done this ten years ago'
	refute_line 'Leave a comment'
	refute_line --partial 'will not be published'
	refute_line --partial 'Notify me'
	refute_line --partial 'Sort by'
}

@test "each boilerplate family is removed, with its reason in --removed" {
	run -0 strip-boilerplate --removed "$BATS_TEST_TMPDIR/removed.tsv" "$SB/article.tsv"
	run -0 cut -f 3,4 "$BATS_TEST_TMPDIR/removed.tsv"
	assert_line $'navigation\tSkip to main content'
	assert_line $'navigation\tHome > News > Local'
	assert_line $'login\tLog in'
	assert_line $'share\tShare on Facebook'
	assert_line $'share\tEmail this article'
	assert_line $'ad\tAdvertisement'
	assert_line $'donate\tSupport our journalism'
	assert_line $'donate\tRaised so far: 4,210 of 10,000'
	assert_line $'related\tRelated stories'
	assert_line $'related\tMost read'
	assert_line $'tags\tTags: Porthaven, sea wall, council, storms'
	assert_line $'follow\tFollow us on Twitter'
	assert_line $'subscribe\tSubscribe to our newsletter'
	assert_line --regexp $'^cookie\tWe use cookies'
	assert_line $'comment-form\tLeave a comment'
	assert_line --regexp $'^copyright\tCopyright 2026'
	assert_line --regexp $'^(footer|navigation)\tAbout us \\| Contact'
}

@test "blog footers, comment-form notes and print-edition notes go, with their reasons" {
	run -0 strip-boilerplate --removed "$BATS_TEST_TMPDIR/removed.tsv" "$SB/blogpost.tsv"
	run -0 cut -f 3,4 "$BATS_TEST_TMPDIR/removed.tsv"
	assert_line $'ad\tStory continues'
	assert_line --regexp $'^print-edition\tA version of this post appeared in the spring issue'
	assert_line --regexp $'^tags\tThis entry was posted in Countryside'
	assert_line --regexp $'^tags\ton Sunday, March 15th, 2026 at 6:40 pm and is filed under'
	assert_line --regexp $'^comment-form\tYou can skip to the end and leave a response'
	assert_line --regexp $'^subscribe\tIf you enjoyed this post'
	assert_line $'share\tBe the first to like this.'
	assert_line $'share\tPost to del.icio.us'
	assert_line $'comment-form\t{ 2 comments… read them below or add one }'
	assert_line $'comment-form\tReplyDelete'
	assert_line $'comment-form\tView Profile'
	assert_line $'comment-form\tRecommend? (3)'
	assert_line $'comment-form\tReply ↓'
	assert_line $'comment-form\t| Reply'
	assert_line --regexp $'^comment-form\tYou can follow this conversation by subscribing'
	assert_line --regexp $'^comment-form\tYou may use these HTML tags and attributes:'
	assert_line $'comment-form\tMail (will not be published) (required)'
	assert_line $'comment-form\tFill in your details below or click an icon to log in:'
	assert_line $'comment-form\tThis is only a preview. Your comment has not yet been posted.'
	assert_line $'comment-form\thttp://fieldnotebook.example/walls/trackback/'
	assert_line $'subscribe\tPlease check your inbox for a confirmation email.'
	assert_line --regexp $'^donate\tConsider a donation'
	assert_line $'navigation\tJump to comments'
	assert_line $'navigation\tSkip to main navigation'
}

@test "archive notes, use notices, comment policies and trackback lists go, with their reasons" {
	run -0 strip-boilerplate --removed "$BATS_TEST_TMPDIR/removed.tsv" "$SB/notices.tsv"
	assert_output --partial 'the board'"'"'s chair said.'
	run -0 cut -f 3,4 "$BATS_TEST_TMPDIR/removed.tsv"
	assert_line $'subscribe\tSubscribe to Harbour Weekly'
	assert_line --regexp $'^subscribe\tIf you enjoyed this post, share it'
	assert_line --regexp $'^navigation\tThis page contains a single entry'
	assert_line $'navigation\tMake us your homepage'
	assert_line --regexp $'^copyright\tFor your personal, non-commercial use only'
	assert_line --regexp $'^copyright\tThis article is copyrighted'
	assert_line --regexp $'^comment-form\tListed below are links to weblogs'
	assert_line --regexp $'^comment-form\tThis topic contains 2 replies'
	assert_line $'comment-form\tComment below or sign in with Facebook or Twitter'
	assert_line --regexp $'^comment-form\tThe Harbour Weekly reserves the right to delete'
	assert_line $'comment-form\tComments may be moderated before they appear on the site.'
	assert_line --regexp $'^comment-form\tLine and paragraph breaks are automatic'
	assert_equal "$(wc -l < "$BATS_TEST_TMPDIR/removed.tsv")" 13
}

@test "reading-time and save controls, print notes, gift appeals, affiliate notes and 'More from' headings go, with their reasons" {
	run -0 strip-boilerplate --removed "$BATS_TEST_TMPDIR/r.tsv" "$SB/furniture.tsv"
	run -0 cut -f 3,4 "$BATS_TEST_TMPDIR/r.tsv"
	assert_line $'share\tListen to this article'
	assert_line $'share\t6 min read'
	assert_line $'share\tCopy link'
	assert_line $'share\tSave for later'
	assert_line $'print-edition\tThis article appeared in the print edition of The Greystone Weekly on 19 June 2026.'
	assert_line $'share\tClick to share on Facebook (Opens in new window)'
	assert_line $'share\tClick to email a link to a friend (Opens in new window)'
	assert_line $'donate\tEnjoying our journalism? Please consider a monthly gift to keep it free for everyone.'
	assert_line $'subscribe\tThank you for signing up!'
	assert_line $'ad\tWe may earn a commission when you buy through links on our site.'
	assert_line $'related\tExplore more on these topics'
	assert_line $'related\tMore from Local News'
	assert_line $'related\tMost read in Sport'
	assert_line $'footer\tBlog at WordPress.com.'
	run -0 awk -F '\t' 'NR == 2 { gsub(/\\n/, "\n"); print $2 }' <(strip-boilerplate "$SB/furniture.tsv")
	assert_line --partial 'Hundreds of swimmers queued'
	assert_line --partial 'early-morning sessions will follow in July.'
}

@test "article sentences that mention copyright or consent are kept, and so are the comments" {
	run -0 strip-boilerplate "$SB/blogpost.tsv"
	assert_output --partial 'long out of copyright, shows the same wall'
	assert_output --partial 'gave his consent to using stone'
	assert_output --partial 'the hearting took twice as long as the faces'
	assert_output --partial 'or did you judge it by eye?'
	refute_output --partial 'Bookmark the permalink'
}

@test "appeals with progress figures and newsletter sign-ups go, with their headings" {
	run -0 strip-boilerplate --removed "$BATS_TEST_TMPDIR/removed.tsv" "$SB/appeal.tsv"
	refute_output --partial 'target for the spring survey'
	refute_output --partial 'Ko-fi'
	refute_output --partial 'inbox every Friday'
	refute_output --partial 'new route by email'
	assert_output --partial 'raised £38,000 of its £45,000 target last year'
	assert_output --partial 'back to the chapel in under two hours.'
	run -0 cut -f 3,4 "$BATS_TEST_TMPDIR/removed.tsv"
	assert_line $'donate\tHelp keep the Walker free'
	assert_line --regexp $'^donate\tNobody pays to read these routes'
	assert_line $'donate\tDonate monthly | Leave a tip on Ko-fi'
	assert_line $'subscribe\tNever miss a route'
	assert_line $'subscribe\tFresh walks in your inbox every Friday. Unsubscribe at any time.'
	assert_line $'subscribe\tJoin 3,100 walkers who get each new route by email.'
}

@test "lines of related-article lists and the menu are removed" {
	run -0 article_text
	refute_line 'Storm damage closes coastal road for a week'
	refute_line 'Council tax to rise by three per cent'
	refute_line 'Weather'
	refute_line 'Opinion'
}

@test "a second copy of the article goes as repeat, whatever its quotes and dashes" {
	run -0 strip-boilerplate --removed "$BATS_TEST_TMPDIR/r.tsv" "$SB/printcopy.tsv"
	run -0 awk -F '\t' '$3 == "repeat" { print $2 }' "$BATS_TEST_TMPDIR/r.tsv"
	assert_output "$(printf '%s\n' 37 39 41 43 45)"
	run -0 awk -F '\t' 'NR == 2 { gsub(/\\n/, "\n"); print $2 }' <(strip-boilerplate "$SB/printcopy.tsv")
	assert_line --partial '“We simply do not carry enough passengers'
	refute_line --partial '"We simply do not carry enough passengers'
	assert_line 'Ferry timetable changes for the winter'
	run -0 grep -c 'Ferry timetable changes' <<< "$output"
	assert_output 1
}

@test "a line of three words or fewer may recur: a chant quoted twice stays twice" {
	run -0 awk -F '\t' 'NR == 2 { gsub(/\\n/, "\n"); print $2 }' <(strip-boilerplate "$SB/printcopy.tsv")
	run -0 grep -c -x '“Save our ferry.”' <<< "$output"
	assert_output 2
}

@test "--keep-repeats keeps the second copy" {
	run -0 strip-boilerplate --keep-repeats --removed "$BATS_TEST_TMPDIR/r.tsv" "$SB/printcopy.tsv"
	assert_output --partial '\n\n"We simply do not carry'
	run -1 grep -c $'\trepeat\t' "$BATS_TEST_TMPDIR/r.tsv"
	assert_output 0
}

@test "--removed writes id, line number, reason and text, with the header" {
	run -0 strip-boilerplate --removed "$BATS_TEST_TMPDIR/removed.tsv" "$SB/article.tsv"
	run -0 head -1 "$BATS_TEST_TMPDIR/removed.tsv"
	assert_output $'id\tline\treason\ttext'
	run -0 grep -c $'^article\t3\tnavigation\tSkip to main content$' "$BATS_TEST_TMPDIR/removed.tsv"
	assert_output 1
}

@test "--features writes every line with its features, all 0 for the lines the patterns remove" {
	f="$BATS_TEST_TMPDIR/f.tsv"
	run -0 strip-boilerplate --features "$f" "$SB/article.tsv"
	run -0 awk -F '\t' 'NR == 1 { n = NF } NF != n { bad++ } END { print NR, bad + 0 }' "$f"
	assert_output "$(($(grep -c . "$SB/pages/article.txt") + 1)) 0"
	run -0 awk -F '\t' '$2 == 3 { for (i = 5; i <= NF; i++) s += $i != 0; print $3, s + 0 }' "$f"
	assert_output "navigation 0"
	run -0 awk -F '\t' 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i }
	    $2 == 1 { print ($(c["words"]) > 0), $(c["titlesim"]), $(c["first"]) }' "$f"
	assert_output "1 1 1"
}

@test "every line is either kept or listed in --removed" {
	strip-boilerplate --removed "$BATS_TEST_TMPDIR/r.tsv" "$SB/article.tsv" > /dev/null
	kept=$(article_text | grep -c .)
	removed=$(tail -n +2 "$BATS_TEST_TMPDIR/r.tsv" | wc -l)
	total=$(grep -c . "$SB/pages/article.txt")
	[ $((kept + removed)) -eq "$total" ]
}

@test "running twice gives the same output as running once" {
	strip-boilerplate "$SB/article.tsv" > "$BATS_TEST_TMPDIR/once.tsv"
	strip-boilerplate "$BATS_TEST_TMPDIR/once.tsv" > "$BATS_TEST_TMPDIR/twice.tsv"
	run -0 cmp "$BATS_TEST_TMPDIR/once.tsv" "$BATS_TEST_TMPDIR/twice.tsv"
	strip-boilerplate "$SB/site.tsv" > "$BATS_TEST_TMPDIR/once.tsv"
	strip-boilerplate "$BATS_TEST_TMPDIR/once.tsv" > "$BATS_TEST_TMPDIR/twice.tsv"
	run -0 cmp "$BATS_TEST_TMPDIR/once.tsv" "$BATS_TEST_TMPDIR/twice.tsv"
	strip-boilerplate "$SB/appeal.tsv" > "$BATS_TEST_TMPDIR/once.tsv"
	strip-boilerplate "$BATS_TEST_TMPDIR/once.tsv" > "$BATS_TEST_TMPDIR/twice.tsv"
	run -0 cmp "$BATS_TEST_TMPDIR/once.tsv" "$BATS_TEST_TMPDIR/twice.tsv"
	strip-boilerplate "$SB/printcopy.tsv" > "$BATS_TEST_TMPDIR/once.tsv"
	strip-boilerplate "$BATS_TEST_TMPDIR/once.tsv" > "$BATS_TEST_TMPDIR/twice.tsv"
	run -0 cmp "$BATS_TEST_TMPDIR/once.tsv" "$BATS_TEST_TMPDIR/twice.tsv"
}

@test "each page is cleaned, and its removals explained, as it would be alone, whatever pages came before it" {
	feed="$BATS_TEST_TMPDIR/feed.tsv"
	{
		cat "$SB/article.tsv"
		tail -n +2 "$SB/site.tsv"
		tail -n +2 "$SB/blogpost.tsv"
		tail -n +2 "$SB/appeal.tsv"
		tail -n +2 "$SB/article.tsv" | sed 's/^article/again/'
		tail -n +2 "$SB/blogpost.tsv" | sed 's/^blogpost/again2/'
	} > "$feed"
	strip-boilerplate --removed "$BATS_TEST_TMPDIR/together.removed" \
	    "$feed" > "$BATS_TEST_TMPDIR/together.tsv"
	head -1 "$feed" > "$BATS_TEST_TMPDIR/alone.tsv"
	head -1 "$BATS_TEST_TMPDIR/together.removed" > "$BATS_TEST_TMPDIR/alone.removed"
	tail -n +2 "$feed" | while IFS= read -r rec; do
		printf '%s\n%s\n' "$(head -1 "$feed")" "$rec" > "$BATS_TEST_TMPDIR/one.tsv"
		strip-boilerplate --removed "$BATS_TEST_TMPDIR/one.removed" \
		    "$BATS_TEST_TMPDIR/one.tsv" | tail -n +2 >> "$BATS_TEST_TMPDIR/alone.tsv"
		tail -n +2 "$BATS_TEST_TMPDIR/one.removed" >> "$BATS_TEST_TMPDIR/alone.removed"
	done
	run -0 cmp "$BATS_TEST_TMPDIR/together.tsv" "$BATS_TEST_TMPDIR/alone.tsv"
	run -0 cmp "$BATS_TEST_TMPDIR/together.removed" "$BATS_TEST_TMPDIR/alone.removed"
}

@test "other columns pass through unchanged and in order" {
	run -0 bash -c "strip-boilerplate '$SB/article.tsv' | cut -f 1,3"
	assert_output $'id\tsection\narticle\tlocal news'
}

@test "the text column can be named with -f" {
	f=$(fixture named.tsv 'body\tid\nMenu\\n\\nHome\tp1\n')
	run -0 strip-boilerplate -f body "$f"
	assert_output $'body\tid\n\tp1'
}

@test "input comes from a file, from - and from redirected stdin alike" {
	a=$(strip-boilerplate "$SB/article.tsv")
	b=$(strip-boilerplate - < "$SB/article.tsv")
	c=$(strip-boilerplate < "$SB/article.tsv")
	[ "$a" = "$b" ]
	[ "$a" = "$c" ]
}

@test "--learn counts template lines over a feed and --state removes them" {
	run -0 strip-boilerplate --learn "$BATS_TEST_TMPDIR/state" "$SB/site.tsv"
	assert_output --partial 'printed on recycled paper'
	run -0 grep -c '^pages	6$' "$BATS_TEST_TMPDIR/state"
	run -0 strip-boilerplate --state "$BATS_TEST_TMPDIR/state" --removed "$BATS_TEST_TMPDIR/r.tsv" "$SB/site.tsv"
	refute_output --partial 'printed on recycled paper'
	refute_output --partial 'the voice of the upper valley'
	assert_output --partial 'rye bread'
	assert_output --partial 'farmers market is moving'
	run -0 grep -c $'\ttemplate\t' "$BATS_TEST_TMPDIR/r.tsv"
	assert_output 12
}

@test "--min-pages above the feed's size keeps the template lines" {
	strip-boilerplate --learn "$BATS_TEST_TMPDIR/state" "$SB/site.tsv" > /dev/null
	run -0 strip-boilerplate --state "$BATS_TEST_TMPDIR/state" --min-pages 7 --removed "$BATS_TEST_TMPDIR/r.tsv" "$SB/site.tsv"
	run -1 grep -c $'\ttemplate\t' "$BATS_TEST_TMPDIR/r.tsv"
}

@test "bylines are kept by default and removed with --drop-byline" {
	run -0 article_text
	assert_line 'By Mara Lindqvist'
	run -0 article_text --drop-byline
	refute_line 'By Mara Lindqvist'
	assert_line --partial 'sea wall that has guarded'
}

@test "--add-patterns removes lines that a user pattern names" {
	p=$(fixture extra.txt 'house-ad\t^[Hh]ow the money\n')
	run -0 strip-boilerplate --add-patterns "$p" --removed "$BATS_TEST_TMPDIR/r.tsv" "$SB/article.tsv"
	run -0 cut -f 3,4 "$BATS_TEST_TMPDIR/r.tsv"
	assert_line $'house-ad\tHow the money will be found'
}

@test "--patterns replaces the compiled-in set" {
	p=$(fixture only.txt '# nothing but one family\nmine\t^Log in$\n')
	run -0 strip-boilerplate --patterns "$p" --removed "$BATS_TEST_TMPDIR/r.tsv" "$SB/article.tsv"
	run -1 grep -c $'\tshare\t' "$BATS_TEST_TMPDIR/r.tsv"
	run -0 grep -c $'\tmine\t' "$BATS_TEST_TMPDIR/r.tsv"
}

@test "the first pattern in file order names the family, whatever the line start" {
	p=$(fixture order.txt 'early\t^.{0,40}\\b(?:gizmo|wid-?get (?:club|fan))\\b.{0,60}$\nlate\t^(?:bar|baz)\\b.*$\nlit\t^.{0,9}\\(c\\)$\n')
	f=$(fixture order.tsv 'id\ttext\no1\tbar gizmo\\n\\nbaz only\\n\\nOur widget fan page\\n\\nA WIDGET CLUB\\n\\n\xc2\xabbar gizmo\\n\\nend (C)\\n\\ngizmos and more\n')
	run -0 strip-boilerplate --patterns "$p" --removed "$BATS_TEST_TMPDIR/r.tsv" "$f"
	run -0 cut -f 3,4 "$BATS_TEST_TMPDIR/r.tsv"
	assert_line $'early\tbar gizmo'
	assert_line $'late\tbaz only'
	assert_line $'early\tOur widget fan page'
	assert_line $'early\tA WIDGET CLUB'
	assert_line $'early\t\u00abbar gizmo'
	assert_line $'lit\tend (C)'
	# No pattern takes it; the model may still find the lone line short.
	refute_line --regexp $'^(early|late|lit)\tgizmos and more'
}

@test "a line of invalid UTF-8 is matched byte by byte, as without the key-word guard" {
	f=$(fixture bytes.tsv 'id\ttext\nb1\tHome\xc2 News\xc2 Sport\\n\\nA sentence of the article, long enough to stay as prose here.\n')
	run -0 strip-boilerplate --removed "$BATS_TEST_TMPDIR/r.tsv" "$f"
	run -0 cut -f 3 "$BATS_TEST_TMPDIR/r.tsv"
	assert_line navigation
}

@test "a malformed pattern file is a usage error" {
	p=$(fixture bad.txt 'no tab here\n')
	run --separate-stderr -2 strip-boilerplate --patterns "$p" "$SB/article.tsv"
	[[ $stderr == *'expected FAMILY<TAB>PATTERN'* ]]
	p=$(fixture bad2.txt 'x\t(unclosed\n')
	run --separate-stderr -2 strip-boilerplate --patterns "$p" "$SB/article.tsv"
	[[ $stderr == *'pattern set'* ]]
}

@test "a page of only boilerplate becomes an empty text" {
	f=$(fixture only.tsv 'id\ttext\nb1\tHome\\n\\nNews\\n\\nShare on Facebook\\n\\nLog in\\n\\nCopyright 2026 Example Media. All rights reserved.\\n\\nPrivacy policy\n')
	run -0 strip-boilerplate "$f"
	assert_output $'id\ttext\nb1\t'
}

@test "an empty text and a record without lines stay empty" {
	f=$(fixture empty.tsv 'id\ttext\ne1\t\ne2\t\\n\\n\n')
	run -0 strip-boilerplate "$f"
	assert_output $'id\ttext\ne1\t\ne2\t'
}

@test "a 10 MB single-line text is handled" {
	awk 'BEGIN { printf "id\ttext\nbig\t"; s = "word and more words, "; while (n < 10000000) { printf "%s", s; n += length(s) } printf "\n" }' > "$BATS_TEST_TMPDIR/big.tsv"
	run -0 bash -c "strip-boilerplate '$BATS_TEST_TMPDIR/big.tsv' | wc -c"
	[ "$output" -gt 1000 ]
}

@test "a page of 40000 equal short lines ends after a bounded number of passes" {
	# Unbounded, the fixed-point loop removed one such line a pass: hours.
	awk 'BEGIN { printf "id\ttext\nmany\t"; for (i = 0; i < 40000; i++) printf "ab cd\\n"; printf "\n" }' > "$BATS_TEST_TMPDIR/many.tsv"
	run -0 timeout 60 bash -c "strip-boilerplate '$BATS_TEST_TMPDIR/many.tsv' | wc -l"
	[ "$output" -eq 2 ]
}

@test "a page of 40000 different lines that begin alike ends in bounded time, none a repeat" {
	# Each line once looked at every line before it of the same start.
	awk 'BEGIN { printf "id\ttext\nalike\t"; for (i = 0; i < 40000; i++) printf "The council said that the harbour wall repairs would cost %d pounds in all.\\n", i; printf "\n" }' > "$BATS_TEST_TMPDIR/alike.tsv"
	run -0 timeout 60 bash -c "strip-boilerplate --removed '$BATS_TEST_TMPDIR/r.tsv' '$BATS_TEST_TMPDIR/alike.tsv' | wc -l"
	[ "$output" -eq 2 ]
	run -1 grep -c $'\trepeat\t' "$BATS_TEST_TMPDIR/r.tsv"
}

@test "invalid UTF-8 and control bytes are kept byte for byte" {
	f=$(fixture bad.tsv 'id\ttext\nu1\t\377\376 Home \300\\n\\nThe council said on Tuesday that the \377 money for the new sea wall would be found over twenty years, and that the work would start in the autumn when the boats are out.\n')
	run -0 bash -c "strip-boilerplate '$f' | LC_ALL=C grep -c \$'would be found over twenty years'"
	run -0 bash -c "strip-boilerplate '$f' | LC_ALL=C grep -c \$'\\377 money'"
}

@test "a missing text column is an error" {
	f=$(fixture nocol.tsv 'id\tbody\n1\tx\n')
	run --separate-stderr -2 strip-boilerplate "$f"
}

@test "output to a full device is an error" {
	run --separate-stderr -2 bash -c "strip-boilerplate '$SB/article.tsv' > /dev/full"
}

@test "-h prints the usage and succeeds; a bad option fails" {
	run -0 strip-boilerplate -h </dev/null
	assert_output --partial 'usage: strip-boilerplate'
	run --separate-stderr -2 strip-boilerplate --no-such-option </dev/null
}
