# SPDX-License-Identifier: GPL-2.0
#
# ncpolicy: the normal-nc-mmio property, its kernel support and its checker.
#
#   make            build the tool at build/ncpolicy
#   make demo       validate every tree in dts/ and print its verdicts
#   make test       everything: unit, tool (DT and --acpi), sanitizers,
#                   schema, fuzz, real ACPI tables, the series' BCM2711
#                   trees, kernel (DT and ACPI boots), robots, patches,
#                   x86_64
#   make check      the fast tier (about 3 min warm): unit, tool, acpi-tool,
#                   malformed, sanitizers, fuzz, schema
#   make patches    the kernel series as git format-patch in build/patches/
#   make dt-schema-patch  the schema change for dt-schema, as git
#                   format-patch in build/dt-schema-patches/
#   make kernel     the arm64 test kernel at build/arm64/Image
#   make kernel-stock  the same kernel without the series (for make bench)
#   make fuzz       fuzz the tool (FUZZ_SECONDS=600)
#   make bench      benchmarks, figures printed and kept in docs/benchmarks.md
#   make mutate     mutation run: do the fast suites notice each hand-made
#                   mutant of the rules and the tool? (tests/mutate/)
#   make bench-boards  check-dts over every arm64 board of Linux 6.12
#   make dtbs-check-compare  check-dts' findings against the kernel's own
#                   make dtbs_check on 12 boards (docs/dtbs-check.md)
#   make install    ncpolicy, its man page and check-dts under PREFIX
#                   (/usr/local), staged under DESTDIR if set
#   make static     ncpolicy for a board: static, cross-compiled with
#                   CROSS_COMPILE (aarch64-linux-gnu-; empty: this host)
#   make test-static  make static for arm64 and the host, the tool's tests
#                   on both (arm64 under qemu-aarch64)
#
# Test targets install the Debian packages they need (scripts/setup-host);
# make and make install only when the compiler cannot find libfdt and apt
# is there to get it.

BUILD		:= build
SETUP		:= scripts/setup-host
CC		?= cc
CFLAGS		?= -O2 -g
WARN		:= -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes \
		   -Werror
# The shared rules are kernel source; the tool sees them through small
# stand-ins for the kernel headers they include, as tools/include/ does.
# They are compiled as the whole series leaves them (scripts/series-file:
# the file patch 1 adds, with what later patches change in it, such as
# the RFC's SoC-ID entries), so that the tool answers as the kernel does.
RULES_DIR	:= $(BUILD)/rules
INCLUDES	:= -Iscripts/ncpolicy/include -I$(RULES_DIR) -Iscripts/ncpolicy
RULES_SRC	:= $(RULES_DIR)/normal_nc_mmio_rules.c
# --acpi: ACPICA's acpiexec interprets the AML (run, never linked: the
# tool builds and runs DT blobs without it), and these read its output.
ACPI_SRC	:= scripts/ncpolicy/acpi_report.c scripts/ncpolicy/acpi_ns.c \
		   scripts/ncpolicy/acpi_scan.c scripts/ncpolicy/acpi_windows.c \
		   scripts/ncpolicy/acpi_tables.c scripts/ncpolicy/subprocess.c
TOOL_SRC	:= scripts/ncpolicy/ncpolicy.c scripts/ncpolicy/report.c \
		   scripts/ncpolicy/fdt_scan.c scripts/ncpolicy/validate.c \
		   scripts/ncpolicy/cmdline.c scripts/ncpolicy/soc_id.c \
		   scripts/ncpolicy/lint.c scripts/ncpolicy/alloc.c $(ACPI_SRC) \
		   $(RULES_SRC)
TOOL_HDR	:= $(wildcard scripts/ncpolicy/*.h scripts/ncpolicy/include/linux/*.h) \
		   $(RULES_DIR)/normal_nc_mmio_rules.h
SAN_FLAGS	:= -fsanitize=address,undefined -fno-sanitize-recover=all \
		   -fno-omit-frame-pointer

.PHONY: all demo test check check-tool test-unit test-tool test-san test-schema test-boards \
	test-fuzz test-series-dts test-kernel test-acpi test-acpi-tool test-acpi-real test-kvm test-x86 test-patches test-robots patches dt-schema-patch kernel kernel-x86 kernel-stock fuzz bench clean \
	setup-tool install uninstall static test-static bench-boards mutate dtbs-check-compare

all: $(BUILD)/ncpolicy

$(RULES_DIR)/%: kernel/linux/drivers/pci/% kernel/series \
		$(wildcard kernel/patches/*/diff) scripts/series-file
	@mkdir -p $(@D)
	@scripts/series-file drivers/pci/$* > $@.tmp && mv $@.tmp $@

# Only when libfdt is missing: a host with it (any distribution) needs no
# apt, and one without apt gets told what is missing.
setup-tool:
	@printf '#include <libfdt.h>\nint main(void) { return fdt_check_header(0); }\n' | \
	$(CC) -x c -o /dev/null - -lfdt 2>/dev/null || \
	if command -v apt-get >/dev/null && command -v dpkg-query >/dev/null; then \
		$(SETUP) tool; \
	else \
		echo "$(CC) cannot build with libfdt: install libfdt's headers and library (dtc's libfdt; Debian libfdt-dev, Fedora libfdt-devel)" >&2; \
		exit 1; \
	fi

$(BUILD)/ncpolicy: $(TOOL_SRC) $(TOOL_HDR) | setup-tool
	@mkdir -p $(@D)
	$(CC) $(CFLAGS) $(WARN) $(INCLUDES) $(LDFLAGS) -o $@ $(TOOL_SRC) -lfdt

# For the board itself: one static binary, nothing to install there,
# linked with the target's libfdt.a (for arm64 on Debian, unpacked from
# libfdt-dev:arm64 by scripts/target-libfdt; see the README).
# CROSS_COMPILE= builds it for this host.
CROSS_COMPILE	?= aarch64-linux-gnu-
STATIC_DIR	:= $(BUILD)/static/$(or $(patsubst %-,%,$(CROSS_COMPILE)),host)

$(STATIC_DIR)/ncpolicy: $(TOOL_SRC) $(TOOL_HDR)
	@mkdir -p $(@D)
	@libdir=$$(scripts/target-libfdt "$(CROSS_COMPILE)" $(BUILD)/static/sysroot) || exit 1; \
	echo "$(CROSS_COMPILE)gcc ... -static -o $@ ... $${libdir:+-L$$libdir }-lfdt"; \
	$(CROSS_COMPILE)gcc $(CFLAGS) $(WARN) -static $(INCLUDES) -o $@ $(TOOL_SRC) \
		$${libdir:+-L$$libdir} -lfdt

static: $(STATIC_DIR)/ncpolicy
	@echo "$(STATIC_DIR)/ncpolicy: copy it to the board and run it there"

test-static:
	@$(SETUP) static
	@tests/static/run

# make install: the tool, its man page, and check-dts with what it needs
# (its validator, scripts/dt-schema-root, which makes the current
# dt-schema's root once per machine, this project's binding and the
# dt-schema change; it keeps its cache in $$XDG_CACHE_HOME/ncpolicy, rebuilt when
# what is installed is newer: hence install -p).
PREFIX		?= /usr/local
BINDIR		:= $(PREFIX)/bin
MANDIR		:= $(PREFIX)/share/man
DATADIR		:= $(PREFIX)/share/ncpolicy

install: $(BUILD)/ncpolicy
	@scripts/dt-schema-patch tree 2>/dev/null
	install -d $(DESTDIR)$(BINDIR) $(DESTDIR)$(MANDIR)/man1 $(DESTDIR)$(DATADIR)/schemas
	install -p -m 755 $(BUILD)/ncpolicy scripts/check-dts $(DESTDIR)$(BINDIR)/
	install -p -m 644 scripts/ncpolicy/ncpolicy.1 $(DESTDIR)$(MANDIR)/man1/
	install -p -m 755 scripts/dt-validate-paths scripts/dt-schema-root $(DESTDIR)$(DATADIR)/
	install -p -m 644 $(BUILD)/dt-schema/tree/dt-schema.diff $(DESTDIR)$(DATADIR)/
	cp -pR $(BUILD)/dt-schema/tree/schemas/. $(DESTDIR)$(DATADIR)/schemas/

uninstall:
	rm -f $(DESTDIR)$(BINDIR)/ncpolicy $(DESTDIR)$(BINDIR)/check-dts \
		$(DESTDIR)$(MANDIR)/man1/ncpolicy.1
	rm -rf $(DESTDIR)$(DATADIR)

# Same sources, AddressSanitizer + UndefinedBehaviorSanitizer.
$(BUILD)/san/ncpolicy: $(TOOL_SRC) $(TOOL_HDR) | setup-tool
	@mkdir -p $(@D)
	$(CC) -O1 -g $(SAN_FLAGS) $(WARN) $(INCLUDES) -o $@ $(TOOL_SRC) -lfdt

$(BUILD)/test_rules: tests/unit/test_rules.c $(RULES_SRC) $(TOOL_HDR) | setup-tool
	@mkdir -p $(@D)
	$(CC) -O1 -g $(SAN_FLAGS) $(WARN) $(INCLUDES) -o $@ tests/unit/test_rules.c $(RULES_SRC)

SCAN_SRC	:= scripts/ncpolicy/fdt_scan.c scripts/ncpolicy/lint.c \
		   scripts/ncpolicy/alloc.c
$(BUILD)/test_scan: tests/unit/test_scan.c $(SCAN_SRC) $(RULES_SRC) $(TOOL_HDR) | setup-tool
	@mkdir -p $(@D)
	$(CC) -O1 -g $(SAN_FLAGS) $(WARN) $(INCLUDES) -o $@ tests/unit/test_scan.c $(SCAN_SRC) $(RULES_SRC) -lfdt

$(BUILD)/test_cmdline: tests/unit/test_cmdline.c scripts/ncpolicy/cmdline.c $(RULES_SRC) $(TOOL_HDR) | setup-tool
	@mkdir -p $(@D)
	$(CC) -O1 -g $(SAN_FLAGS) $(WARN) $(INCLUDES) -o $@ tests/unit/test_cmdline.c scripts/ncpolicy/cmdline.c $(RULES_SRC)

$(BUILD)/test_soc_id: tests/unit/test_soc_id.c scripts/ncpolicy/soc_id.c $(RULES_SRC) $(TOOL_HDR) | setup-tool
	@mkdir -p $(@D)
	$(CC) -O1 -g $(SAN_FLAGS) $(WARN) $(INCLUDES) -o $@ tests/unit/test_soc_id.c scripts/ncpolicy/soc_id.c $(RULES_SRC)

demo: $(BUILD)/ncpolicy
	@scripts/demo

test:
	@tests/run-all test

# Minutes, not tens of minutes: for iterating on the tool, rules and schema.
check:
	@tests/run-all check

test-unit: $(BUILD)/test_rules $(BUILD)/test_cmdline $(BUILD)/test_scan $(BUILD)/test_soc_id
	@tests/unit/run

test-tool: $(BUILD)/ncpolicy
	@tests/tool/run $(BUILD)/ncpolicy

test-san: $(BUILD)/san/ncpolicy
	@tests/tool/run $(BUILD)/san/ncpolicy
	@tests/malformed/run $(BUILD)/san/ncpolicy
	@tests/acpi/run $(BUILD)/san/ncpolicy

# ncpolicy --acpi on small ASL cases, bad inputs and real firmware tables.
test-acpi-tool: $(BUILD)/ncpolicy
	@$(SETUP) acpica
	@tests/acpi/run $(BUILD)/ncpolicy

# ncpolicy --acpi on the tables of 28 real arm64 machines (tests/acpi/real),
# with the sanitizers: a crash on real firmware must not go unseen.
test-acpi-real: $(BUILD)/san/ncpolicy
	@$(SETUP) acpica
	@tests/acpi/real-tables $(BUILD)/san/ncpolicy

test-malformed: $(BUILD)/ncpolicy
	@tests/malformed/run $(BUILD)/ncpolicy

test-schema: $(BUILD)/ncpolicy
	@$(SETUP) schema
	@tests/schema/run

# scripts/check-dts on real Linux 6.12 arm64 boards, as a vendor uses it.
test-boards: $(BUILD)/ncpolicy
	@$(SETUP) schema
	@tests/boards/run

# Not in make test: it extracts and configures a 6.12 tree and runs the
# kernel's dt-validate once per board (minutes); make test-boards keeps
# the cheap form (dt-validate itself on two boards).
dtbs-check-compare: $(BUILD)/ncpolicy
	@$(SETUP) schema kernel
	@scripts/dtbs-check-compare

test-fuzz:
	@tests/fuzz/run-short

# The BCM2711 boards built from the kernel tree with the series applied:
# the kernel's W=1 dtc, check-dts and ncpolicy (its devicetree patch).
test-series-dts: $(BUILD)/ncpolicy
	@$(SETUP) kernel schema
	@tests/series-dts/run

test-kernel:
	@tests/qemu/run

# The same on UEFI + ACPI: normal-nc-mmio in _DSD, from an SSDT.
test-acpi:
	@tests/qemu/run-acpi

# A KVM guest in the test kernel (nested in QEMU) gets the vfio-pci BAR
# Normal-NC at stage 2 only behind a safe host bridge.
test-kvm:
	@tests/kvm/run

# x86_64 with the series behaves as before (build/x86_64/bzImage on q35).
test-x86:
	@tests/qemu/run-x86

# What the kernel's robots run on the series: W=1, sparse, kernel-doc,
# coccicheck, and that it adds no binding (the dt-schema patch is checked
# by test-schema); only what the series introduces counts.
test-robots:
	@$(SETUP) kernel schema robots
	@tests/robots/run

# The series as mailed: git am, checkpatch --strict, and an x86_64 build.
test-patches:
	@ARCHES=x86_64 tests/patches/run

patches:
	@scripts/kernel-series patches

# The normal-nc-mmio schema as sent to dt-schema (schema/README.md).
dt-schema-patch:
	@scripts/dt-schema-patch patches

kernel:
	@scripts/build-kernel arm64

kernel-x86:
	@scripts/build-kernel x86_64

# The same arm64 kernel without the series, for make bench's stock column
# (scripts/build-kernel --upto N builds it with the first N patches).
kernel-stock:
	@scripts/build-kernel --stock arm64

fuzz:
	@tests/fuzz/run $${FUZZ_SECONDS:-600}

bench:
	@scripts/bench

# Not part of make test: about half an hour of CPU (tests/mutate/run).
mutate:
	@tests/mutate/run

# check-dts over every arm64 board of 6.12 (docs/benchmarks.md).
bench-boards:
	@$(SETUP) schema
	@scripts/bench-boards

clean:
	rm -rf $(BUILD)

# libFuzzer harnesses (clang): the tool's whole path, the rules alone, and
# what --acpi reads of acpiexec's output.
FUZZ_FLAGS	:= -g -O1 -fsanitize=fuzzer,address,undefined \
		   -fno-sanitize-recover=all
$(BUILD)/fuzz/fuzz_ncpolicy: tests/fuzz/fuzz_ncpolicy.c $(filter-out scripts/ncpolicy/ncpolicy.c,$(TOOL_SRC)) $(TOOL_HDR)
	@mkdir -p $(@D)
	clang $(FUZZ_FLAGS) $(INCLUDES) -o $@ tests/fuzz/fuzz_ncpolicy.c \
		$(filter-out scripts/ncpolicy/ncpolicy.c,$(TOOL_SRC)) -lfdt

$(BUILD)/fuzz/fuzz_acpi: tests/fuzz/fuzz_acpi.c $(filter-out scripts/ncpolicy/ncpolicy.c,$(TOOL_SRC)) $(TOOL_HDR)
	@mkdir -p $(@D)
	clang $(FUZZ_FLAGS) $(INCLUDES) -o $@ tests/fuzz/fuzz_acpi.c \
		$(filter-out scripts/ncpolicy/ncpolicy.c,$(TOOL_SRC)) -lfdt

$(BUILD)/fuzz/fuzz_rules: tests/fuzz/fuzz_rules.c scripts/ncpolicy/cmdline.c scripts/ncpolicy/soc_id.c $(RULES_SRC) $(TOOL_HDR)
	@mkdir -p $(@D)
	clang $(FUZZ_FLAGS) $(INCLUDES) -o $@ tests/fuzz/fuzz_rules.c \
		scripts/ncpolicy/cmdline.c scripts/ncpolicy/soc_id.c $(RULES_SRC)

# Benchmarks: synthetic blobs and the in-process resolve timer.
$(BUILD)/bench/gen_blob: tests/bench/gen_blob.c | setup-tool
	@mkdir -p $(@D)
	$(CC) -O2 $(WARN) -o $@ $< -lfdt

$(BUILD)/bench/bench_resolve: tests/bench/bench_resolve.c $(filter-out scripts/ncpolicy/ncpolicy.c,$(TOOL_SRC)) $(TOOL_HDR) | setup-tool
	@mkdir -p $(@D)
	$(CC) -O2 $(WARN) $(INCLUDES) -o $@ tests/bench/bench_resolve.c \
		$(filter-out scripts/ncpolicy/ncpolicy.c,$(TOOL_SRC)) -lfdt
