# SPDX-License-Identifier: GPL-2.0
# Shared by the QEMU end-to-end matrices (tests/qemu/run with a DTB,
# tests/qemu/run-acpi with UEFI and ACPI): the probe initramfs, one boot,
# the checks of one boot's console log, and the matrix of firmware
# scenarios crossed with command lines.
#
# A matrix script sources tests/lib.sh and this file from the top of the
# tree, defines SCENARIOS (and EXTRA) and a run_one function, calls
# qemu_prepare, makes each scenario's firmware, and calls qemu_matrix,
# which runs run_one for every boot in background jobs (they share no
# state but their own files) and reports with pass/fail.

QEMU_OUT=${QEMU_OUT:-build/qemu}
QEMU_LOGS=$QEMU_OUT/logs
QEMU_KERNEL=${QEMU_KERNEL:-build/arm64/Image}
QEMU_INITRD=$QEMU_OUT/initramfs.cpio
QEMU_TIMEOUT=${QEMU_TIMEOUT:-60}
QEMU_HOST_BRIDGE_BUS=${QEMU_HOST_BRIDGE_BUS:-0000:00}
QEMU_RESULTS=$QEMU_OUT/results
# The probe is built for the guest: aarch64 unless a matrix says otherwise.
QEMU_PROBE_CC=${QEMU_PROBE_CC:-aarch64-linux-gnu-gcc}
# Its sources (word-split): a matrix may pack another program as /init.
QEMU_PROBE_SRC=${QEMU_PROBE_SRC:-tests/qemu/probe.c}
QEMU_JOBS=${QEMU_JOBS:-2}

# Command lines every scenario is booted with: name, the normal_nc_mmio=
# words, and what they decide: "fw" (the scenario's own answer), or
# VERDICT plus "warn" when the value is invalid.
CMDLINES=(
	"nocmd     -                                          fw"
	"safe      normal_nc_mmio=safe                        safe"
	"unsafe    normal_nc_mmio=unsafe                      unsafe"
	"firmware  normal_nc_mmio=firmware                    fw"
	"garbage   normal_nc_mmio=bogus                       unsafe warn"
)

# The machine every boot and the tree dump share: a dumped tree matches
# the booted machine only if both see the same devices. The probe's
# ivshmem device has a 64-bit prefetchable BAR 2 backed by host memory.
#
# QEMU_SMP vCPUs (default 2): with one, TCG runs the guest in a serial
# context, where it relaxes atomicity and skips the alignment check of
# Device memory, so an unaligned access that faults on hardware succeeds.
# Only with two or more does QEMU (10 and later) fault it as hardware
# does; qemu_check_ran requires the guest to see QEMU_SMP CPUs.
QEMU_MACHINE=virt
QEMU_SMP=${QEMU_SMP:-2}
QEMU_ARGS=(-cpu max -smp "$QEMU_SMP" -m 512 -nographic -nic none
	   -device ivshmem-plain,memdev=m
	   -object memory-backend-ram,id=m,size=1M)
# QEMU_WCMAP=1 (the default on arm64): the initramfs also has the wcmap
# test module and its driver (tests/wcmap), the machine a bochs-display (a
# real driver that maps its BAR write-combining by itself) and a second
# ivshmem device, whose 4 MiB BAR the module publishes as P2PDMA memory
# (ZONE_DEVICE needs 2 MiB subsections: the first device's 1 MiB BAR is
# too small), and qemu_check judges what they report. Runners of other
# kernels set it to 0.
QEMU_WCMAP=${QEMU_WCMAP:-1}
if [ "$QEMU_WCMAP" = 1 ]; then
	QEMU_ARGS+=(-device bochs-display
		    -device ivshmem-plain,memdev=p2p
		    -object memory-backend-ram,id=p2p,size=4M)
fi

# qemu_prepare: build the static probe with $QEMU_PROBE_CC, pack it as /init.
qemu_prepare() {
	local stage=$QEMU_OUT/initramfs

	mkdir -p "$QEMU_OUT" "$QEMU_LOGS" || return 1
	"$QEMU_PROBE_CC" -static -O2 -Wall -Wextra -Werror \
		-o "$QEMU_OUT/probe" $QEMU_PROBE_SRC || return 1
	rm -rf "$stage"
	mkdir -p "$stage/dev" "$stage/proc" "$stage/sys" || return 1
	cp "$QEMU_OUT/probe" "$stage/init" || return 1
	qemu_wcmap_stage "$stage" || return 1
	# The kernel opens /dev/console for init before anything is mounted;
	# without the node the probe reopens it after mounting devtmpfs.
	mknod -m 600 "$stage/dev/console" c 5 1 2> /dev/null || true
	(cd "$stage" && find . | LC_ALL=C sort |
		cpio -o -H newc --quiet) > "$QEMU_INITRD"
}

# qemu_wcmap_stage DIR: with QEMU_WCMAP=1, build the wcmap test module
# against build/arm64's kernel (with QEMU_WCMAP_VARIANT=V, against the
# kernel scripts/build-kernel built as variant V: stock, upto-N) and put
# it and its driver into DIR.
qemu_wcmap_stage() {
	local v=${QEMU_WCMAP_VARIANT:-}

	[ "$QEMU_WCMAP" = 1 ] || return 0
	tests/wcmap/build $v || return 1
	cp "build/wcmap${v:+-$v}/wcmap.stripped.ko" "$1/wcmap.ko" &&
	cp "build/wcmap${v:+-$v}/wcmap" "$1/wcmap"
}

# qemu_dump_dtb OUT: QEMU's own tree for the machine the boots use, ready
# to boot: QEMU dumps it padded to 1 MiB, which the kernel does not boot
# from as it is, so it goes through dtc, which keeps only its contents.
qemu_dump_dtb() {
	qemu-system-aarch64 -machine "$QEMU_MACHINE,dumpdtb=$1.raw" "${QEMU_ARGS[@]}" \
		> /dev/null 2>&1 && [ -s "$1.raw" ] &&
	dtc -q -I dtb -O dtb -o "$1" "$1.raw"
}

# qemu_boot LOG APPEND [QEMU ARGS...]: boot the test kernel with the probe
# and APPEND as command line; the console goes to LOG. Returns QEMU's
# status, 124 on timeout.
qemu_boot() {
	local log=$1 append=$2

	shift 2
	timeout -k 5 "$QEMU_TIMEOUT" qemu-system-aarch64 \
		-machine "$QEMU_MACHINE" "${QEMU_ARGS[@]}" -no-reboot \
		-kernel "$QEMU_KERNEL" -initrd "$QEMU_INITRD" \
		-append "$append" "$@" < /dev/null > "$log" 2>&1
}

# The console log without carriage returns and printk timestamps.
qemu_text() {
	sed -e 's/\r$//' -e 's/^\[ *[0-9]*\.[0-9]*\] //' "$1"
}

# qemu_probe_all TEXT ARRAY: every "NCPROBE KEY=value" of TEXT (a console
# log or its qemu_text) into the associative array named ARRAY, the first
# value of each KEY, in one read. Plain bash: a check asks for dozens of
# keys per boot, and a pipeline per key cost more than the boot itself.
qemu_probe_all() {
	local -n into=$2
	local line key

	while IFS= read -r line; do
		line=${line%$'\r'}
		case $line in
		NCPROBE\ *=*)
			line=${line#NCPROBE }
			key=${line%%=*}
			[ -n "${into[$key]+set}" ] || into[$key]=${line#*=} ;;
		esac
	done < "$1"
}

# qemu_probe LOG KEY: the value of "NCPROBE KEY=value" (first one).
qemu_probe() {
	local -A probed=()

	qemu_probe_all "$1" probed
	[ -z "${probed[$2]+set}" ] || printf '%s\n' "${probed[$2]}"
}

# qemu_check_kunit TEXT MODE: every KUnit suite reported ok, our suite
# among them with at least one passing case (MODE 1; MODE all: its slow
# cases too, each parameter passing) or, on ACPI (MODE acpi), run but
# skipped for want of a devicetree; the consumer suite always passes every
# case. Prints the reason and returns 1 if not.
qemu_check_kunit() {
	local text=$1 mode=$2 suite=pci_normal_nc_mmio plan results notok
	local ours="pass:[1-9][0-9]* fail:0 "

	if ! grep -q '^KTAP version 1$' "$text"; then
		echo "KUnit: no KTAP output (CONFIG_KUNIT off or kunit.enable=0?)"
		return 1
	fi
	notok=$(grep -m 1 -E '^[[:space:]]*not ok [0-9]+ ' "$text")
	if [ -n "$notok" ]; then
		echo "KUnit: $notok"
		return 1
	fi
	plan=$(sed -n 's/^1\.\.\([0-9]*\)$/\1/p' "$text" | head -n 1)
	results=$(grep -cE '^ok [0-9]+ ' "$text")
	if [ -z "$plan" ] || [ "$results" -ne "$plan" ]; then
		echo "KUnit: plan 1..${plan:-?} but $results suite results (crash mid-run?)"
		return 1
	fi
	if ! grep -qE "^ok [0-9]+ $suite( |$)" "$text"; then
		echo "KUnit: suite $suite did not run"
		return 1
	fi
	# The lookup of unsafe windows (enforcement by address) needs no
	# firmware: it runs in full on every boot.
	if ! grep -qE "^[[:space:]]*# ${suite}_windows: pass:[1-9][0-9]* fail:0 skip:0 " "$text"; then
		echo "KUnit: ${suite}_windows did not pass all cases:" \
		     "$(grep -m 1 -E "# ${suite}_windows: " "$text")"
		return 1
	fi
	if [ "$mode" = all ] &&
	   ! grep -qE "^[[:space:]]*# nc_resolve_case: pass:[1-9][0-9]* fail:0 skip:0 " "$text"; then
		echo "KUnit: the slow nc_resolve_case did not pass every parameter:" \
		     "$(grep -m 1 -E "# nc_resolve_case: " "$text")"
		return 1
	fi
	# The syndrome KVM injects for a stage-2 Alignment fault (no test
	# in QEMU reaches that path: TCG takes the fault to the guest's EL1).
	if [ "$mode" = all ] &&
	   ! grep -qE "^[[:space:]]*# kvm_arm64_inject_align: pass:[1-9][0-9]* fail:0 skip:0 " "$text"; then
		echo "KUnit: kvm_arm64_inject_align did not pass all cases:" \
		     "$(grep -m 1 -E "# kvm_arm64_inject_align: " "$text")"
		return 1
	fi
	[ "$mode" = acpi ] && ours="pass:0 fail:0 skip:[1-9][0-9]* "
	if ! grep -qE "^[[:space:]]*# $suite: $ours" "$text"; then
		echo "KUnit: no '# $suite: $ours' summary:" \
		     "$(grep -m 1 -E "# $suite: " "$text")"
		return 1
	fi
	# Quirks by SMCCC SoC ID, with injected IDs (QEMU reports none):
	# need no firmware, run in full on every boot.
	if ! grep -qE "^[[:space:]]*# ${suite}_soc_id: pass:[1-9][0-9]* fail:0 skip:0 " "$text"; then
		echo "KUnit: ${suite}_soc_id did not pass all cases:" \
		     "$(grep -m 1 -E "# ${suite}_soc_id: " "$text")"
		return 1
	fi
	# The consumers run on this boot's ivshmem device under this boot's
	# verdict (pci_iomap_wc, pgprot, vfio flags): none may be skipped.
	if ! grep -qE "^[[:space:]]*# ${suite}_consumers: pass:[1-9][0-9]* fail:0 skip:0 " "$text"; then
		echo "KUnit: ${suite}_consumers did not pass all cases on the device:" \
		     "$(grep -m 1 -E "# ${suite}_consumers: " "$text")"
		return 1
	fi
	return 0
}

# qemu_check_ran TEXT: the kernel did not crash and the probe finished.
# Prints the reason and returns 1 if not.
qemu_check_ran() {
	local text=$1 pat line

	for pat in 'Kernel panic' 'Internal error: Oops' 'BUG: ' \
		   'SError Interrupt' 'Unable to handle kernel'; do
		line=$(grep -m 1 -F -- "$pat" "$text")
		if [ -n "$line" ]; then
			echo "kernel: $line"
			return 1
		fi
	done
	if ! grep -q '^NCPROBE done$' "$text"; then
		echo "probe did not finish; last line: $(grep -v '^$' "$text" | tail -n 1)"
		return 1
	fi
	qemu_check_cpus "$text" NCPROBE
}

# qemu_check_cpus TEXT PREFIX: the guest reported "PREFIX cpus=N" with N
# the QEMU_SMP CPUs it was given, and at least 2 (with one, TCG does not
# fault unaligned accesses to Device memory). Prints why not.
qemu_check_cpus() {
	local got

	got=$(sed -n "s/^$2 cpus=//p" "$1" | head -n 1)
	if ! [ "${got:-0}" -ge 2 ] 2> /dev/null; then
		echo "the guest runs on ${got:-an unreported number of} CPU(s), want at least 2 (QEMU_SMP=$QEMU_SMP): with one, TCG does not fault unaligned Device accesses"
		return 1
	fi
	if [ "$got" != "$QEMU_SMP" ]; then
		echo "the guest runs on $got CPUs, want QEMU_SMP=$QEMU_SMP"
		return 1
	fi
}

# qemu_expect ARRAY WHAT KEY=WANT...: every KEY of the array named ARRAY
# (from qemu_probe_all) holds WANT. Prints "WHAT: KEY GOT, want WANT" for
# the first that does not and returns 1.
qemu_expect() {
	local -n qe_probe=$1
	local what=$2 kv key want

	shift 2
	for kv in "$@"; do
		key=${kv%%=*}
		want=${kv#*=}
		if [ "${qe_probe[$key]-}" != "$want" ]; then
			echo "$what: $key ${qe_probe[$key]:-missing}, want $want"
			return 1
		fi
	done
}

# qemu_check LOG VERDICT SOURCE BADNODE CMDWARN KUNIT
#   VERDICT, SOURCE  what the host bridge must report (sysfs and log line)
#   BADNODE          firmware node holding an invalid value ("" for none):
#                    when firmware decides (SOURCE is firmware:BADNODE)
#                    exactly one warning names it; when a higher rule
#                    decides, none does (the kernel warns only when rule 3
#                    decided)
#   CMDWARN          1: the command line has an invalid normal_nc_mmio=
#                    value and exactly one warning says so; 0: none
#                    Any other warning fails. They are left in LOG.kwarn,
#                    one per line, for the caller to compare.
#   KUNIT            1: the KTAP output must show every suite ok; all:
#                    the same, with the slow cases run; acpi: the same,
#                    the DT-only suite skipped; 0: no check
# Prints the first reason for failure and returns 1, or returns 0.
qemu_check() {
	local log=$1 verdict=$2 source=$3 badnode=$4 cmdwarn=$5 kunit=$6
	local text=$log.txt bus=$QEMU_HOST_BRIDGE_BUS line n got want
	local wc uc mwc ioctl pmap warns other

	qemu_text "$log" > "$text"
	qemu_check_ran "$text" || return 1

	# sysfs, read by the probe on the host bridge device
	line=$(grep -m 1 "^NCPROBE bridge=$bus " "$text")
	if [ -z "$line" ]; then
		echo "no host bridge $bus in /sys/class/pci_bus"
		return 1
	fi
	if [ "$line" = "NCPROBE bridge=$bus verdict=missing source=missing" ]; then
		echo "kernel has no /sys/class/pci_bus/$bus/device/normal_nc_mmio: normal-nc-mmio series not in build/arm64/Image"
		return 1
	fi
	want="NCPROBE bridge=$bus verdict=$verdict source=$source"
	if [ "$line" != "$want" ]; then
		echo "sysfs: got '${line#NCPROBE bridge=$bus }', want 'verdict=$verdict source=$source'"
		return 1
	fi

	# the log line: exactly one per host bridge, the same values
	want="pci_bus $bus: normal-nc-mmio: $verdict source=$source"
	n=$(grep "^pci_bus $bus: normal-nc-mmio: " "$text" |
		grep -vc -e ': write-combining mapping of ' -e ': existing mapping of ' \
			-e '] refused: ')
	if [ "$n" -ne 1 ]; then
		echo "log: $n lines 'pci_bus $bus: normal-nc-mmio: ...', want 1"
		return 1
	fi
	if ! grep -qxF -- "$want" "$text"; then
		got=$(grep -m 1 "^pci_bus $bus: normal-nc-mmio: " "$text")
		echo "log: got '$got', want '$want'"
		return 1
	fi
	n=$(grep '^pci_bus [0-9a-f:]*: normal-nc-mmio: ' "$text" |
		grep -vc -e ': write-combining mapping of ' -e ': existing mapping of ' \
			-e '] refused: ')
	got=$(grep -c '^NCPROBE bridge=' "$text")
	if [ "$n" -ne "$got" ]; then
		echo "log: $n verdict lines for $got host bridges"
		return 1
	fi

	# warnings (level <= KERN_WARNING, read from /dev/kmsg by the probe);
	# the verdict line itself does not count even if printed as one.
	# Exactly the expected ones, none optional: the invalid parameter
	# once, and the invalid value once when rule 3 decided with it.
	if ! grep -q '^NCPROBE warn-scan=done$' "$text"; then
		echo "probe could not read /dev/kmsg: $(grep -m 1 '^NCPROBE warn-scan=' "$text")"
		return 1
	fi
	sed -n 's/^NCPROBE warn=//p' "$text" |
		grep -vE 'normal-nc-mmio: (safe|unsafe) source=' > "$log.kwarn"
	warns=$(cat "$log.kwarn")
	other=$warns
	want=0
	if [ "$cmdwarn" = 1 ]; then
		want=$((want + 1))
		n=$(grep -cF -- "normal_nc_mmio=" <<< "$warns")
		if [ "$n" -ne 1 ]; then
			echo "$n warnings for the invalid normal_nc_mmio= value, want 1"
			return 1
		fi
		other=$(grep -vF -- "normal_nc_mmio=" <<< "$other")
	fi
	if [ -n "$badnode" ] && [ "$source" = "firmware:$badnode" ]; then
		want=$((want + 1))
		n=$(grep -cF -- "$badnode: normal-nc-mmio: " <<< "$warns")
		if [ "$n" -ne 1 ]; then
			echo "$n warnings naming $badnode, want 1 (rule 3 decided with its invalid value)"
			return 1
		fi
		other=$(grep -vF -- "$badnode: normal-nc-mmio: " <<< "$other")
	fi
	if [ -n "$other" ]; then
		echo "unexpected warning: $(head -n 1 <<< "$other")"
		return 1
	fi
	n=$(grep -c . <<< "$warns")
	if [ "$n" -ne "$want" ]; then
		echo "$n warnings, want $want"
		return 1
	fi

	# what user space can do with the ivshmem BAR
	if [ -z "$(qemu_probe "$text" ivshmem)" ] ||
	   [ "$(qemu_probe "$text" ivshmem)" = absent ]; then
		echo "probe found no ivshmem device"
		return 1
	fi
	wc=$(qemu_probe "$text" resource2_wc)
	uc=$(qemu_probe "$text" mmap_uc)
	mwc=$(qemu_probe "$text" mmap_wc)
	ioctl=$(qemu_probe "$text" proc_wc_ioctl)
	pmap=$(qemu_probe "$text" proc_mmap)
	if [ "$uc" != ok ]; then
		echo "control: mmap of resource2 (uncached): $uc"
		return 1
	fi
	want=absent
	[ "$verdict" = safe ] && want=present
	if [ "$wc" != "$want" ]; then
		echo "resource2_wc $wc, want $want ($verdict)"
		return 1
	fi
	if [ "$wc" = present ] && [ "$mwc" != ok ]; then
		echo "resource2_wc present but mmap: $mwc"
		return 1
	fi
	if [ "$wc" = absent ] && [ "$mwc" = ok ]; then
		echo "resource2_wc absent but mmap succeeded"
		return 1
	fi
	# Every host bridge of virt shares the verdict, so no device may
	# have any resourceN_wc when it is unsafe.
	got=$(qemu_probe "$text" wc_files)
	case "$verdict:$got" in
	safe:[1-9]* | unsafe:0) ;;
	*)
		echo "$got resourceN_wc files in all of sysfs ($verdict)"
		return 1 ;;
	esac
	# arm64 has no HAVE_PCI_MMAP: /proc/bus/pci offers neither mmap nor
	# the write-combine ioctl there, whatever the verdict.  What matters
	# is that it never grants write-combining, so require the refusal.
	if [ "$ioctl" != "fail EINVAL" ]; then
		echo "/proc/bus/pci PCIIOC_WRITE_COMBINE: $ioctl, want fail EINVAL"
		return 1
	fi
	if [ "$pmap" = ok ]; then
		echo "/proc/bus/pci mmap succeeded on arm64 (no HAVE_PCI_MMAP)"
		return 1
	fi

	if [ "$kunit" != 0 ]; then
		qemu_check_kunit "$text" "$kunit" || return 1
	fi
	if [ "$QEMU_WCMAP" = 1 ]; then
		qemu_check_wcmap "$text" "$verdict" || return 1
	fi
	return 0
}

# The write-combining mappings of the wcmap module and of the bochs DRM
# driver whose memory type must follow the host bridge's verdict, and the
# controls that must not: ioremap() is Device, a WC mapping outside every
# PCI window (a platform device, RAM) stays Normal-NC.
WCMAP_FOLLOW=(k.ioremap_wc k.devm_ioremap_wc k.io_mapping_wc
	      u.remap_pfn_range u.io_remap_pfn_range u.vm_iomap_memory
	      u.vmf_insert_pfn_prot u.vmf_insert_mixed
	      u.fork_child u.mremap u.mprotect bochs.dumb)
WCMAP_FIXED=("k.ioremap device-ngnre" "k.outside_ioremap_wc normal-nc"
	     "u.ram_remap_pfn_range normal-nc")

# One VMA, a page of the BAR remapped with its write-combining protection
# and then a page of RAM with the same protection: the BAR page follows
# the verdict, the RAM page stays Normal-NC (the PFN-map hook changes only
# what it maps, never the VMA's protection).
WCMAP_FOLLOW+=(u.vma_bar)
WCMAP_FIXED+=("u.vma_ram_after_bar normal-nc")

# mprotect(PROT_READ | PROT_EXEC) on the bochs buffer keeps its type; a
# Device entry stays execute-never (UXN set), a Normal-NC one becomes
# executable as asked, and so does anonymous memory, the control.
WCMAP_FOLLOW+=(bochs.dumb_exec)
WCMAP_FIXED+=("u.anon_exec_uxn 0")

# The functions whose callers use memory instructions: below a safe
# bridge the type asked for (memremap(MEMREMAP_WC) Normal-NC,
# ioremap_cache() and memremap(MEMREMAP_WB) Normal); below an unsafe one
# refused ("null"), with one log line each naming the range and the
# wcmap module's function (qemu_check_wcmap_refused).
WCMAP_REFUSED=("k.memremap_wc normal-nc" "k.ioremap_cache normal"
	       "k.memremap_wb normal")

# mprotect(PROT_READ) rebuilds each user mapping's entries (arm64's
# pte_modify()): they keep the type they were mapped with, also where the
# VMA's own protection is cacheable (vmf_insert_pfn_prot(),
# vmf_insert_mixed(), TTM's bochs buffer); RAM keeps Normal-NC. Stock
# 6.12 rebuilds these from the VMA: Normal. Cacheable mappings of the BAR
# stay cacheable (Normal) behind a safe bridge and are Device behind an
# unsafe one; outside every window they stay Normal.
WCMAP_FOLLOW+=(u.mprotect.remap_pfn_range u.mprotect.io_remap_pfn_range
	       u.mprotect.vm_iomap_memory u.mprotect.vmf_insert_pfn_prot
	       u.mprotect.vmf_insert_mixed bochs.dumb_mprotect)
WCMAP_FIXED+=("u.mprotect.ram_remap_pfn_range normal-nc"
	      "k.outside_ioremap_cache normal" "k.outside_memremap_wb normal")
WCMAP_FOLLOW_CACHED=(u.remap_pfn_range_cached u.mprotect.remap_pfn_range_cached)

# P2PDMA memory mapped into user space through sysfs has the memory type
# of the kernel's own mapping of those pages, pgprot_noncached(), below a
# safe host bridge as below an unsafe one, before and after mprotect().
# Without the series' P2PDMA patch the user entry is Normal (cacheable).
WCMAP_P2PMEM=(p2pmem p2pmem_kernel p2pmem_mprotect)

# What user space sees when it accesses those mappings (tests/wcmap/align.c,
# NCPROBE wcmap.align.KEY=...): aligned loads and stores succeed whatever
# the verdict; an unaligned 64-bit load, store and memcpy() to an odd
# address succeed below a safe bridge (Normal-NC) and take SIGBUS with
# BUS_ADRALN below an unsafe one (Device), for every user primitive and for
# the bochs DRM scanout buffer. The control in every boot: the same accesses
# to a write-combining mapping of RAM always succeed.
WCMAP_ALIGN=(u.remap_pfn_range u.io_remap_pfn_range u.vm_iomap_memory
	     u.vmf_insert_pfn_prot u.vmf_insert_mixed bochs.dumb)
WCMAP_ALIGN_FIXED=(u.ram_remap_pfn_range)
WCMAP_ALIGN_OK="aligned=ok ldr=ok str=ok memcpy=ok"
WCMAP_ALIGN_FAULT="aligned=ok ldr=adraln str=adraln memcpy=adraln"

# qemu_check_align TEXT VERDICT [BOCHS_VERDICT]: WCMAP_ALIGN against the
# verdict (the bochs buffer against BOCHS_VERDICT if given: it may sit
# below another bridge), WCMAP_ALIGN_FIXED always ok. Prints why not.
qemu_check_align() {
	local text=$1 verdict=$2 bochs=${3:-$2} key v
	local -a want=()
	local -A probe=()

	for key in "${WCMAP_ALIGN[@]}"; do
		v=$verdict
		[[ $key == bochs.* ]] && v=$bochs
		if [ "$v" = unsafe ]; then
			want+=("wcmap.align.$key=$WCMAP_ALIGN_FAULT")
		else
			want+=("wcmap.align.$key=$WCMAP_ALIGN_OK")
		fi
	done
	for key in "${WCMAP_ALIGN_FIXED[@]}"; do
		want+=("wcmap.align.$key=$WCMAP_ALIGN_OK")
	done
	qemu_probe_all "$text" probe
	qemu_expect probe "user access ($verdict)" "${want[@]}"
}

# qemu_check_wcmap_beyond_wc TEXT VERDICT: what is not write-combining:
# WCMAP_FOLLOW_CACHED against the verdict; MTE's mprotect(PROT_MTE) on
# anonymous memory: Normal to Normal-Tagged in a boot with QEMU_MTE=1
# (-machine virt,mte=on), "unsupported" in any other; WCMAP_P2PMEM
# Device-nGnRnE whatever the verdict.
qemu_check_wcmap_beyond_wc() {
	local text=$1 verdict=$2 cached=normal
	local -A probe=()

	qemu_probe_all "$text" probe
	[ "$verdict" = unsafe ] && cached=device-ngnre
	qemu_wcmap_expect probe "$cached ($verdict)" "${WCMAP_FOLLOW_CACHED[@]}" || return 1
	if [ "${QEMU_MTE:-0}" = 1 ]; then
		qemu_wcmap_expect probe normal u.mte_before &&
		qemu_wcmap_expect probe normal-tagged u.mte_mprotect || return 1
	else
		qemu_wcmap_expect probe unsupported u.mte_mprotect || return 1
	fi
	qemu_wcmap_expect probe "device-ngnrne (P2PDMA, $verdict)" "${WCMAP_P2PMEM[@]}" &&
	qemu_check_wcmap_refused "$text" "$verdict" probe
}

# qemu_check_wcmap_refused TEXT VERDICT PROBE: WCMAP_REFUSED against the
# verdict, the UXN bit of the bochs buffer made executable (set when it is
# Device), and, when unsafe, one refusal line per refused function, in the
# form of Documentation/PCI/normal-nc-mmio.rst, naming the bridge, a range
# and the module; none when safe.
qemu_check_wcmap_refused() {
	local text=$1 verdict=$2 bus=$QEMU_HOST_BRIDGE_BUS pair key want uxn=0 n
	local -n vals=$3
	local re="^pci_bus $bus: normal-nc-mmio: (memremap|ioremap_cache)\\(\\) of \\[mem 0x[0-9a-f]+-0x[0-9a-f]+\\] refused: Device only \\(wcmap_[a-z_]+\\+0x[0-9a-f]+/0x[0-9a-f]+ \\[wcmap\\]\\)\$"

	for pair in "${WCMAP_REFUSED[@]}"; do
		read -r key want <<< "$pair"
		[ "$verdict" = unsafe ] && want=null
		qemu_wcmap_expect vals "$want ($verdict)" "$key" || return 1
	done
	[ "$verdict" = unsafe ] && uxn=1
	qemu_wcmap_expect vals "$uxn ($verdict)" bochs.dumb_exec_uxn || return 1
	want=0
	[ "$verdict" = unsafe ] && want=${#WCMAP_REFUSED[@]}
	n=$(grep -c '\[wcmap\])$' <<< "$(grep '] refused: ' "$text")")
	if [ "$n" -ne "$want" ]; then
		echo "wcmap: $n refusal log lines naming the module, want $want ($verdict)"
		return 1
	fi
	n=$(grep -cE "$re" "$text")
	if [ "$n" -ne "$want" ]; then
		echo "wcmap: refusal line not as documented: $(grep -m 1 '] refused: .*\[wcmap\])$' "$text")"
		return 1
	fi
}

# qemu_wcmap_expect PROBE 'WANT [WHY]' KEY...: wcmap.KEY is WANT in the
# associative array named PROBE (qemu_probe_all) for every KEY; prints the
# first that is not and returns 1.
qemu_wcmap_expect() {
	local -n values=$1
	local want=${2%% *} why=$2 key

	shift 2
	for key; do
		[ "${values[wcmap.$key]-}" = "$want" ] && continue
		echo "wcmap: $key ${values[wcmap.$key]:-missing}, want $why"
		return 1
	done
}

# qemu_check_wcmap TEXT VERDICT: what tests/wcmap reported, against the
# verdict: every mapping of WCMAP_FOLLOW Normal-NC when safe and Device
# when unsafe, WCMAP_FIXED as listed, and when unsafe exactly one log line
# for the downgrades, in the form of SPEC.md, naming a range and a task.
qemu_check_wcmap() {
	local text=$1 verdict=$2 bus=$QEMU_HOST_BRIDGE_BUS key want got pair n
	local re="^pci_bus $bus: normal-nc-mmio: write-combining mapping of \\[mem 0x[0-9a-f]+-0x[0-9a-f]+\\] made Device \\(.+\\)\$"
	local -A probe=()

	qemu_probe_all "$text" probe
	got=${probe[wcmap]-}
	if [ "$got" != loaded ]; then
		echo "wcmap: ${got:-no report} (module or driver missing?)"
		return 1
	fi
	if ! grep -q '^NCPROBE wcmap.done$' "$text"; then
		echo "wcmap: did not finish: $(grep '^NCPROBE wcmap' "$text" | tail -n 1)"
		return 1
	fi
	want=normal-nc
	[ "$verdict" = unsafe ] && want=device-ngnre
	for key in "${WCMAP_FOLLOW[@]}"; do
		got=${probe[wcmap.$key]-}
		if [ "$got" != "$want" ]; then
			echo "wcmap: $key ${got:-missing}, want $want ($verdict)"
			return 1
		fi
	done
	for pair in "${WCMAP_FIXED[@]}"; do
		read -r key want <<< "$pair"
		got=${probe[wcmap.$key]-}
		if [ "$got" != "$want" ]; then
			echo "wcmap: control $key ${got:-missing}, want $want"
			return 1
		fi
	done
	n=$(grep -c ': write-combining mapping of ' "$text")
	want=0
	[ "$verdict" = unsafe ] && want=1
	if [ "$n" -ne "$want" ]; then
		echo "wcmap: $n 'write-combining mapping ... made Device' log lines, want $want"
		return 1
	fi
	if [ "$want" = 1 ] && ! grep -qE "$re" "$text"; then
		echo "wcmap: log line not as in SPEC: $(grep -m 1 ': write-combining mapping of ' "$text")"
		return 1
	fi
	qemu_check_align "$text" "$verdict" || return 1
	qemu_check_wcmap_beyond_wc "$text" "$verdict"
}

# qemu_plan: all boots, one per line:
#   NAME SCENARIO VERDICT SOURCE BADNODE CMDWARN WORDS
# from SCENARIOS ("NAME VERDICT SOURCE BADNODE": the answer when no command
# line decides, and the node holding an invalid value or "-") crossed with
# CMDLINES, then EXTRA ("SCENARIO NAME WORDS DECIDES [warn]", WORDS
# comma-separated).
qemu_plan() {
	local s c scen fv fs bad cname words dec warn

	for s in "${SCENARIOS[@]}"; do
		read -r scen fv fs bad <<< "$s"
		for c in "${CMDLINES[@]}"; do
			read -r cname words dec warn <<< "$c"
			qemu_plan_line "$scen.$cname" "$scen" "$fv" "$fs" "$bad" \
				"$words" "$dec" "$warn"
		done
	done
	for c in "${EXTRA[@]}"; do
		read -r scen cname words dec warn <<< "$c"
		for s in "${SCENARIOS[@]}"; do
			read -r s fv fs bad <<< "$s"
			[ "$s" = "$scen" ] && break
		done
		qemu_plan_line "$scen.$cname" "$scen" "$fv" "$fs" "$bad" \
			"$words" "$dec" "$warn"
	done
}

qemu_plan_line() {
	local name=$1 scen=$2 fv=$3 fs=$4 bad=$5 words=$6 dec=$7 warn=${8:-}
	local v=$fv src=$fs cw=0

	if [ "$dec" != fw ]; then
		v=$dec
		src=cmdline
	fi
	[ "$warn" = warn ] && cw=1
	echo "$name $scen $v $src $bad $cw $words"
}

# qemu_results NAME...: a pass or fail line for each boot NAME that ran,
# from what its run wrote to $QEMU_RESULTS/NAME.
qemu_results() {
	local name why

	for name in "$@"; do
		[ -f "$QEMU_RESULTS/$name" ] || continue
		read -r why < "$QEMU_RESULTS/$name"
		if [ "$why" = PASS ]; then
			pass "$name"
		else
			fail "$name" "${why#FAIL }"
		fi
	done
}

# qemu_matrix DIR SUFFIX: every boot of qemu_plan whose scenario's firmware
# DIR/SCENARIO.SUFFIX was made, QEMU_JOBS at a time through run_one (which
# writes PASS or "FAIL why" to $QEMU_RESULTS/NAME), then one pass or fail
# line per boot. QEMU_ONLY=GLOB limits the boots.
qemu_matrix() {
	local dir=$1 suffix=$2 name scen v src bad cw words n=0 start

	mkdir -p "$QEMU_RESULTS"
	rm -f "$QEMU_RESULTS"/*
	qemu_plan > "$QEMU_OUT/plan.txt"
	start=$(date +%s)
	while read -r name scen v src bad cw words; do
		case "$name" in ${QEMU_ONLY:-*}) ;; *) continue ;; esac
		[ -s "$dir/$scen$suffix" ] || continue
		[ "$bad" = - ] && bad=""
		while [ "$(jobs -pr | wc -l)" -ge "$QEMU_JOBS" ]; do
			wait -n
		done
		run_one "$name" "$scen" "$v" "$src" "$bad" "$cw" "$words" &
		n=$((n + 1))
	done < "$QEMU_OUT/plan.txt"
	wait

	qemu_results $(cut -d ' ' -f 1 "$QEMU_OUT/plan.txt")
	echo "$SUITE: $n boots in $(( $(date +%s) - start ))s, $QEMU_JOBS at a time; console logs in $QEMU_LOGS/"
}
