#!/bin/sh
# Turn a data file into a C header that compiles the file into the program
# (with the assembler's .incbin, so large models cost no compile time) as
# the NUL-terminated array NAME and its length NAME_len.  Include the
# header from one .c file only.
# Usage: embed.sh NAME FILE > OUT.h   (FILE relative to the build's cwd)
set -eu
name=$1
file=$2
cat <<EOT
/* Generated from $file by scripts/embed.sh; do not edit. */
#include <stddef.h>
__asm__(
    ".pushsection .rodata\\n"
    ".balign 16\\n"
    "$name:\\n"
    ".incbin \\"$file\\"\\n"
    "${name}_end:\\n"
    ".byte 0\\n"
    ".popsection\\n");
extern const char $name[], ${name}_end[];
#define ${name}_len ((size_t)(${name}_end - $name))
EOT
