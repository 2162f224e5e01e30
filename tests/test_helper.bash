# Loaded by every bats file: the programs under test come first in PATH,
# and the bats-support and bats-assert libraries are loaded.
bats_require_minimum_version 1.5.0
bats_load_library bats-support
bats_load_library bats-assert

: "${NEWS_TSV_BIN:=$BATS_TEST_DIRNAME/../build/bin}"
PATH="$NEWS_TSV_BIN:$PATH"
FIXTURES="$BATS_TEST_DIRNAME/fixtures"
export PATH FIXTURES

# Write the arguments, one per line, into a file under the test's temporary
# directory and print its name; use printf escapes to get TABs.
fixture() {
	local f="$BATS_TEST_TMPDIR/$1"
	shift
	printf "$@" > "$f"
	printf '%s\n' "$f"
}
