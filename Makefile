# news-tsv filters.  See README.md.
#
# Every bin-src/NAME.c is a program; the .c files in bin-src/NAME/, if
# there is such a directory, are linked into it too, and so are those of
# the directories listed in EXTRA_NAME (for two programs that share code).  Every file in
# bin-src/data/ becomes build/data/FILE.h (an array named data_FILE, dots
# and dashes turned into underscores) for programs to compile in.

VERSION = 0.1.0

PREFIX ?= /usr/local
BINDIR ?= $(PREFIX)/bin
MANPREFIX ?= $(PREFIX)/share/man
DESTDIR ?=

CC ?= cc
CFLAGS ?= -O2 -g
WARNINGS = -Wall -Wextra -Wpedantic -Wshadow -Wstrict-prototypes \
	-Wmissing-prototypes -Wformat=2
PKGS = libbsd-overlay libpcre2-8
# Recursive (=), not :=, so that pkg-config runs after install-deps.
PKG_CFLAGS = $(shell pkg-config --cflags $(PKGS))
PKG_LIBS = $(shell pkg-config --libs $(PKGS))

# SAN=1 builds into build-san with AddressSanitizer and UBSan.
ifeq ($(SAN),1)
BUILD = build-san
SANFLAGS = -fsanitize=address,undefined -fno-omit-frame-pointer \
	-fno-sanitize-recover=undefined
else
BUILD ?= build
SANFLAGS =
endif

ALL_CFLAGS = -std=c11 -D_GNU_SOURCE $(WARNINGS) $(PKG_CFLAGS) \
	-DVERSION=\"$(VERSION)\" -Ibin-src/lib -I$(BUILD) $(SANFLAGS) $(CFLAGS)
ALL_LDFLAGS = $(SANFLAGS) $(LDFLAGS)
LDLIBS = $(PKG_LIBS) -lm

# Programs that link another program's directory of shared code.
EXTRA_train-entities = extract-entities

PROGS = $(sort $(patsubst bin-src/%.c,%,$(wildcard bin-src/*.c)))
LIBSRC = $(wildcard bin-src/lib/*.c)
LIBOBJ = $(patsubst bin-src/lib/%.c,$(BUILD)/lib/%.o,$(LIBSRC))
DATASRC = $(wildcard bin-src/data/*)
DATAHDR = $(patsubst bin-src/data/%,$(BUILD)/data/%.h,$(DATASRC))
MANPAGES = $(wildcard man/*.[1-8])

all: $(patsubst %,$(BUILD)/bin/%,$(PROGS))

$(BUILD)/lib/%.o: bin-src/lib/%.c bin-src/lib/tsv.h bin-src/lib/scan.h | $(BUILD)/lib
	$(CC) $(ALL_CFLAGS) -c -o $@ $<

# Built aside and renamed, so that a link running meanwhile never sees
# half an archive.
$(BUILD)/libtsv.a: $(LIBOBJ)
	rm -f $@.tmp
	$(AR) rcs $@.tmp $(LIBOBJ)
	mv $@.tmp $@

$(BUILD)/data/%.h: bin-src/data/% scripts/embed.sh | $(BUILD)/data
	sh scripts/embed.sh data_$(subst .,_,$(subst -,_,$*)) $< > $@.tmp
	mv $@.tmp $@

# One link rule per program, so that bin-src/NAME/*.c join NAME.
define prog_rules
$(BUILD)/obj/$(1)/%.o: bin-src/$(1)/%.c bin-src/lib/tsv.h $(wildcard bin-src/$(1)/*.h) $(DATAHDR) | $(BUILD)/obj/$(1)
	$$(CC) $$(ALL_CFLAGS) -Ibin-src/$(1) -c -o $$@ $$<
$(BUILD)/obj/$(1).o: bin-src/$(1).c bin-src/lib/tsv.h $(foreach d,$(1) $(EXTRA_$(1)),$(wildcard bin-src/$(d)/*.h)) $(DATAHDR) | $(BUILD)/obj/$(1)
	$$(CC) $$(ALL_CFLAGS) $(foreach d,$(1) $(EXTRA_$(1)),-Ibin-src/$(d)) -c -o $$@ $$<
$(BUILD)/bin/$(1): $(BUILD)/obj/$(1).o $(foreach d,$(1) $(EXTRA_$(1)),$(patsubst bin-src/$(d)/%.c,$(BUILD)/obj/$(d)/%.o,$(wildcard bin-src/$(d)/*.c))) $(BUILD)/libtsv.a | $(BUILD)/bin
	$$(CC) $$(ALL_LDFLAGS) -o $$@ $$(filter %.o,$$^) $(BUILD)/libtsv.a $$(LDLIBS)
$(BUILD)/obj/$(1):
	mkdir -p $$@
endef
$(foreach p,$(PROGS),$(eval $(call prog_rules,$(p))))

$(BUILD)/lib $(BUILD)/bin $(BUILD)/data:
	mkdir -p $@

# check and demo first install what is missing (scripts/install-deps), then
# build.  The tests run the programs in $(BUILD)/bin; scripts/run-tests
# prints the closing "N passed, N failed" line.
check: deps
	$(MAKE) all
	$(MAKE) lint
	NEWS_TSV_BIN=$(CURDIR)/$(BUILD)/bin sh scripts/run-tests

demo: deps
	$(MAKE) all
	NEWS_TSV_BIN=$(CURDIR)/$(BUILD)/bin sh scripts/demo

deps:
	sh scripts/install-deps

lint:
	mandoc -Tlint -Wwarning $(MANPAGES)

bench: all
	sh scripts/bench-passthrough

# A libFuzzer run over the record library, seeded with the sample pages.
FUZZFLAGS = -fsanitize=fuzzer,address,undefined -g -O1
fuzz:
	mkdir -p build-fuzz/corpus
	clang -std=c11 -D_GNU_SOURCE $(PKG_CFLAGS) -Ibin-src/lib $(FUZZFLAGS) \
	    -o build-fuzz/records tests/fuzz/records.c $(LIBSRC) $(PKG_LIBS)
	$(MAKE) -s all
	$(BUILD)/bin/import-pages -s .txt tests/pages > build-fuzz/corpus/pages.tsv
	build-fuzz/records -max_total_time=$${FUZZ_SECONDS:-60} \
	    -max_len=65536 build-fuzz/corpus 2>/dev/null

install: all
	mkdir -p $(DESTDIR)$(BINDIR)
	for p in $(PROGS); do \
		cp -f $(BUILD)/bin/$$p $(DESTDIR)$(BINDIR)/$$p && \
		chmod 755 $(DESTDIR)$(BINDIR)/$$p || exit 1; \
	done
	for m in $(MANPAGES); do \
		s=$${m##*.}; \
		mkdir -p $(DESTDIR)$(MANPREFIX)/man$$s && \
		cp -f $$m $(DESTDIR)$(MANPREFIX)/man$$s/ && \
		chmod 644 $(DESTDIR)$(MANPREFIX)/man$$s/$${m##*/} || exit 1; \
	done

uninstall:
	for p in $(PROGS); do rm -f $(DESTDIR)$(BINDIR)/$$p; done
	for m in $(MANPAGES); do \
		rm -f $(DESTDIR)$(MANPREFIX)/man$${m##*.}/$${m##*/}; \
	done

clean:
	rm -rf build build-san build-fuzz

.PHONY: all check deps lint demo bench fuzz install uninstall clean
