#!/usr/bin/env bats
# The build: installation, and the demo the README promises.

load test_helper

@test "make install honours PREFIX and DESTDIR and installs programs and pages" {
	cd "$BATS_TEST_DIRNAME/.."
	run -0 make -s install DESTDIR="$BATS_TEST_TMPDIR/root" PREFIX=/opt/news
	for src in bin-src/*.c; do
		p=$(basename "$src" .c)
		[ -x "$BATS_TEST_TMPDIR/root/opt/news/bin/$p" ] || fail "$p not installed"
		[ -f "$BATS_TEST_TMPDIR/root/opt/news/share/man/man1/$p.1" ] || fail "$p.1 not installed"
	done
	[ -f "$BATS_TEST_TMPDIR/root/opt/news/share/man/man5/news-tsv.5" ]
	run -0 make -s uninstall DESTDIR="$BATS_TEST_TMPDIR/root" PREFIX=/opt/news
	run -0 find "$BATS_TEST_TMPDIR/root" -type f
	assert_output ''
}

@test "the demo runs the sample pages through the pipeline" {
	cd "$BATS_TEST_DIRNAME/.."
	run -0 env DEMO_OUT="$BATS_TEST_TMPDIR/demo" sh scripts/demo
	assert_line --regexp '^pipeline: import-pages'
	assert_line --regexp '^input:  [0-9]+ pages'
	check-records "$BATS_TEST_TMPDIR/demo/result.tsv" > /dev/null
}

@test "every program answers -h and -V the same way" {
	cd "$BATS_TEST_DIRNAME/.."
	for src in bin-src/*.c; do
		p=$(basename "$src" .c)
		run -0 "$p" -h </dev/null
		assert_output --partial "usage: $p"
		run -0 "$p" --help </dev/null
		assert_output --partial "usage: $p"
		run -0 "$p" -V </dev/null
		assert_output --regexp "^$p [0-9]+\.[0-9]+\.[0-9]+\$"
		run -2 "$p" --no-such-option </dev/null
	done
}
