#!/bin/sh
# Turn a data file into a C header defining a NUL-terminated byte array
# and its length, so that programs carry their default data compiled in.
# Usage: embed.sh NAME FILE > OUT.h
set -eu
name=$1
file=$2
printf '/* Generated from %s by scripts/embed.sh; do not edit. */\n' "$file"
printf 'static const char %s[] = {\n' "$name"
od -An -v -tx1 "$file" | sed -e 's/ *$//' -e 's/^ *//' -e '/^$/d' \
    -e 's/\([0-9a-f][0-9a-f]\)/0x\1,/g'
printf '0x00 };\n'
printf 'static const size_t %s_len = sizeof(%s) - 1;\n' "$name" "$name"
