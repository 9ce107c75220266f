// SPDX-License-Identifier: GPL-2.0
/*
 * vmm: /init of the nested KVM test (tests/kvm/run), a minimal VMM.
 *
 * Runs as the first process of an arm64 kernel booted at EL2 in QEMU
 * (L1). It binds the ivshmem device to vfio-pci (no-IOMMU mode), maps its
 * BAR 2 through VFIO, and gives it to a one-vCPU KVM guest (L2) as a
 * memslot next to a small RAM memslot. The guest (guest.S) maps the BAR
 * Normal-NC at its own stage 1 and accesses it.
 *
 * What KVM installed at stage 2 is recorded by a kprobe event on
 * kvm_pgtable_stage2_map(): its IPA, size, physical address and the
 * enum kvm_pgtable_prot it was given, in which KVM_PGTABLE_PROT_DEVICE
 * (bit 3) or KVM_PGTABLE_PROT_NORMAL_NC (bit 4) decide the memory type of
 * a device page, and a return probe its result. Everything goes to the
 * console as "NCKVM key=value" lines:
 *
 *   NCKVM start
 *   NCKVM cpus=2                (L1's online CPUs)
 *   NCKVM bridge verdict=safe source=firmware:/pcie@10000000
 *   NCKVM device=0000:00:01.0 id=1af4:1110 bar2=0x8000000000 size=0x100000
 *   NCKVM layout ram=0x0+0x10000 bar=0x40000000+0x100000
 *   NCKVM guest read=0x... par=0x... wrote=0x...
 *   NCKVM align esr=0x... far=0x... stored=0x...
 *   NCKVM s2map ipa=0x... size=0x... phys=0x... prot=0x...
 *   NCKVM s2map_ret ret=0
 *   NCKVM done                  (or NCKVM error=STEP ERRNO)
 *
 * With ncvmm=wcmap on the kernel command line (init's environment) the
 * BAR is mapped by the wcmap test module (tests/wcmap, /wcmap.ko) instead,
 * as a vfio-pci variant driver does: VM_ALLOW_ANY_UNCACHED set without
 * asking the PCI core, which KVM must not take for an unsafe window. The
 * line "NCKVM mapped-by=vfio-pci|wcmap" says which.
 *
 * The runner on the host judges; this program knows nothing about what
 * to expect.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <linux/kvm.h>
#include <linux/pci_regs.h>
#include <linux/vfio.h>
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/syscall.h>
#include <unistd.h>

#define SAY_PREFIX	"NCKVM "
#include "../qemu/say.h"
#include "../wcmap/wcmap.h"

/* The only -device of the test machine sits in slot 1 of bus 0. */
#define DEVICE		"0000:00:01.0"
#define DEVICE_ID	"1af4:1110"
#define TRACEFS		"/sys/kernel/tracing"

/* Guest physical layout: RAM at 0, the BAR at 1 GiB, the exit at 2 GiB. */
#define RAM_IPA		0x0ULL
#define RAM_SIZE	0x10000ULL
#define PGD_OFFSET	0x1000ULL
#define BAR_IPA		0x40000000ULL
#define EXIT_IPA	0x80000000ULL

#define BAR_PATTERN	0x0123456789abcdefULL
#define GUEST_PATTERN	0xfedcba9876543210ULL

/* Stage 1 of the guest: MAIR_EL1 attributes 0, 1, 2 and their use. */
#define MAIR_NORMAL_WB	0xffULL
#define MAIR_NORMAL_NC	0x44ULL
#define MAIR_DEVICE	0x00ULL
#define ATTR_RAM	0
#define ATTR_BAR	1
#define ATTR_EXIT	2

/* Level 1 block descriptor (4K granule, 1 GiB): AF, inner shareable. */
#define S1_BLOCK(pa, idx)	((pa) | (1ULL << 10) | (3ULL << 8) | \
				 ((uint64_t)(idx) << 2) | 1ULL)
#define S1_XN			(3ULL << 53)	/* UXN, PXN */

/* TCR_EL1: T0SZ=25 (39-bit VA, walk from level 1), WBWA inner shareable
 * walks, 4K granules, no TTBR1 walks, 36-bit IPS. */
#define TCR_VALUE	(25ULL | (1ULL << 8) | (1ULL << 10) | (3ULL << 12) | \
			 (1ULL << 23) | (2ULL << 30) | (1ULL << 32))

extern const char guest_code[], guest_code_end[];

static void finish(void)
{
	sync();
	reboot(RB_AUTOBOOT);
	_exit(1);
}

/* Reports the step that failed with errno, then ends the boot. */
static void __attribute__((noreturn)) die(const char *step)
{
	say("error=%s %s", step, strerrorname_np(errno));
	finish();
	_exit(1);
}

static int put(const char *path, const char *text)
{
	FILE *fp = fopen(path, "w");
	int ret;

	if (!fp)
		return -1;
	ret = fputs(text, fp) < 0 ? -1 : 0;
	if (fclose(fp))
		ret = -1;
	return ret;
}

/* The first line of @path, without its newline; "missing" if none. */
static void first_line(const char *path, char *buf, int size)
{
	FILE *fp = fopen(path, "r");

	if (!fp || !fgets(buf, size, fp))
		snprintf(buf, size, "missing");
	if (fp)
		fclose(fp);
	buf[strcspn(buf, "\n")] = '\0';
}

/* The console is open already: the initramfs has /dev/console. */
static void setup_fs(void)
{
	static const struct {
		const char *dir, *type;
	} fs[] = {
		{ "/proc", "proc" },
		{ "/sys", "sysfs" },
		{ "/dev", "devtmpfs" },
		{ TRACEFS, "tracefs" },
	};
	unsigned int i;

	for (i = 0; i < sizeof(fs) / sizeof(fs[0]); i++) {
		mkdir(fs[i].dir, 0755);
		if (mount(fs[i].type, fs[i].dir, fs[i].type, 0, NULL) &&
		    errno != EBUSY)
			die(fs[i].type);
	}
}

/* The host bridge's verdict, from the files the series adds to it. */
static void report_bridge(void)
{
	char verdict[64], source[256];

	first_line("/sys/bus/pci/devices/" DEVICE "/../normal_nc_mmio",
		   verdict, sizeof(verdict));
	first_line("/sys/bus/pci/devices/" DEVICE "/../normal_nc_mmio_source",
		   source, sizeof(source));
	say("bridge verdict=%s source=%s", verdict, source);
}

/*
 * Every stage-2 map call KVM makes (entry: IPA, size, physical address,
 * protection; return: result) goes to the trace buffer.
 */
static void trace_stage2(void)
{
	/* One write: opening kprobe_events for writing clears every probe. */
	if (put(TRACEFS "/kprobe_events",
		"p:ncpolicy/s2map kvm_pgtable_stage2_map ipa=$arg2:x64 size=$arg3:x64 phys=$arg4:x64 prot=$arg5:x64\n"
		"r:ncpolicy/s2map_ret kvm_pgtable_stage2_map ret=$retval:s32\n"))
		die("kprobe-events");
	if (put(TRACEFS "/events/ncpolicy/enable", "1"))
		die("kprobe-enable");
}

/* The trace, each event as "NCKVM EVENT FIELDS" without the location. */
static void report_stage2(void)
{
	static const char *const events[] = { "s2map: ", "s2map_ret: " };
	char line[512];
	const char *ev, *fields;
	unsigned int i;
	FILE *fp;

	put(TRACEFS "/events/ncpolicy/enable", "0");
	fp = fopen(TRACEFS "/trace", "r");
	if (!fp)
		die("trace");
	while (fgets(line, sizeof(line), fp)) {
		line[strcspn(line, "\n")] = '\0';
		for (i = 0; i < 2; i++) {
			ev = strstr(line, events[i]);
			fields = ev ? strstr(ev, ") ") : NULL;
			if (fields)
				say("%.*s %s", (int)strcspn(ev, ":"), ev,
				    fields + 2);
		}
	}
	fclose(fp);
}

/* DEVICE to vfio-pci; VFIO takes it without an IOMMU (noiommu group). */
static void bind_vfio(char *group, int size)
{
	char link[256];
	ssize_t n;

	if (put("/sys/bus/pci/devices/" DEVICE "/driver_override", "vfio-pci") ||
	    put("/sys/bus/pci/drivers_probe", DEVICE))
		die("bind-vfio-pci");
	n = readlink("/sys/bus/pci/devices/" DEVICE "/iommu_group", link,
		     sizeof(link) - 1);
	if (n < 0)
		die("iommu-group");
	link[n] = '\0';
	snprintf(group, size, "/dev/vfio/noiommu-%s", strrchr(link, '/') + 1);
}

struct bar {
	void *map;
	uint64_t size;
	uint64_t phys;
};

/* Opens DEVICE through VFIO and maps its BAR 2 into this process. */
static void map_bar(struct bar *bar)
{
	struct vfio_group_status status = { .argsz = sizeof(status) };
	struct vfio_region_info cfg = { .argsz = sizeof(cfg) };
	struct vfio_region_info reg = { .argsz = sizeof(reg) };
	unsigned long long start, end, flags;
	int container, group, dev, i;
	char path[64], line[128];
	uint16_t id[2], cmd;
	FILE *fp;

	bind_vfio(path, sizeof(path));
	container = open("/dev/vfio/vfio", O_RDWR);
	if (container < 0)
		die("open-container");
	if (ioctl(container, VFIO_CHECK_EXTENSION, VFIO_NOIOMMU_IOMMU) != 1)
		die("noiommu-extension");
	group = open(path, O_RDWR);
	if (group < 0)
		die("open-group");
	if (ioctl(group, VFIO_GROUP_GET_STATUS, &status) ||
	    !(status.flags & VFIO_GROUP_FLAGS_VIABLE))
		die("group-viable");
	if (ioctl(group, VFIO_GROUP_SET_CONTAINER, &container) ||
	    ioctl(container, VFIO_SET_IOMMU, VFIO_NOIOMMU_IOMMU))
		die("set-iommu");
	dev = ioctl(group, VFIO_GROUP_GET_DEVICE_FD, DEVICE);
	if (dev < 0)
		die("device-fd");

	/* Config space: which device this is; memory decoding on. */
	cfg.index = VFIO_PCI_CONFIG_REGION_INDEX;
	if (ioctl(dev, VFIO_DEVICE_GET_REGION_INFO, &cfg) ||
	    pread(dev, id, sizeof(id), cfg.offset + PCI_VENDOR_ID) != sizeof(id) ||
	    pread(dev, &cmd, 2, cfg.offset + PCI_COMMAND) != 2)
		die("config-read");
	cmd |= PCI_COMMAND_MEMORY;
	if (pwrite(dev, &cmd, 2, cfg.offset + PCI_COMMAND) != 2)
		die("config-write");

	reg.index = VFIO_PCI_BAR2_REGION_INDEX;
	if (ioctl(dev, VFIO_DEVICE_GET_REGION_INFO, &reg) || !reg.size ||
	    !(reg.flags & VFIO_REGION_INFO_FLAG_MMAP))
		die("bar2-info");
	bar->size = reg.size;
	bar->map = mmap(NULL, reg.size, PROT_READ | PROT_WRITE, MAP_SHARED,
			dev, reg.offset);
	if (bar->map == MAP_FAILED)
		die("bar2-mmap");

	/* The BAR's CPU physical address, which stage 2 must point at. */
	bar->phys = 0;
	fp = fopen("/sys/bus/pci/devices/" DEVICE "/resource", "r");
	for (i = 0; fp && i <= 2 && fgets(line, sizeof(line), fp); i++)
		if (i == 2 && sscanf(line, "%llx %llx %llx", &start, &end,
				     &flags) == 3)
			bar->phys = start;
	if (fp)
		fclose(fp);
	say("device=%s id=%04x:%04x bar2=0x%llx size=0x%llx", DEVICE, id[0],
	    id[1], (unsigned long long)bar->phys,
	    (unsigned long long)bar->size);
}

/*
 * DEVICE's BAR 2 mapped by the wcmap module (WCMAP_ANY_UNCACHED): Device
 * at stage 1, VM_ALLOW_ANY_UNCACHED on the VMA. No driver is bound, so
 * memory decoding is turned on through sysfs.
 */
static void map_bar_wcmap(struct bar *bar)
{
	char vendor[16], device[16];
	struct wcmap_bar wb;
	int fd;

	if (put("/sys/bus/pci/devices/" DEVICE "/enable", "1"))
		die("enable-device");
	fd = open("/wcmap.ko", O_RDONLY | O_CLOEXEC);
	if (fd < 0 || syscall(SYS_finit_module, fd, "", 0))
		die("load-wcmap");
	close(fd);
	fd = open("/dev/wcmap", O_RDWR | O_CLOEXEC);
	if (fd < 0 || ioctl(fd, WCMAP_IOC_BAR, &wb) || !wb.size)
		die("open-wcmap");
	bar->size = wb.size;
	bar->phys = wb.start;
	bar->map = mmap(NULL, wb.size, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
			(off_t)WCMAP_ANY_UNCACHED * 4096);
	if (bar->map == MAP_FAILED)
		die("wcmap-mmap");
	first_line("/sys/bus/pci/devices/" DEVICE "/vendor", vendor,
		   sizeof(vendor));
	first_line("/sys/bus/pci/devices/" DEVICE "/device", device,
		   sizeof(device));
	say("device=%s id=%s:%s bar2=0x%llx size=0x%llx", DEVICE,
	    vendor + 2, device + 2, (unsigned long long)bar->phys,
	    (unsigned long long)bar->size);
}

static uint64_t core_reg(size_t offset)
{
	return KVM_REG_ARM64 | KVM_REG_SIZE_U64 | KVM_REG_ARM_CORE |
	       (offset / sizeof(uint32_t));
}

static void set_reg(int vcpu, uint64_t id, uint64_t val)
{
	struct kvm_one_reg reg = { .id = id, .addr = (uintptr_t)&val };

	if (ioctl(vcpu, KVM_SET_ONE_REG, &reg))
		die("set-one-reg");
}

static void set_xreg(int vcpu, int n, uint64_t val)
{
	set_reg(vcpu, core_reg(offsetof(struct kvm_regs, regs.regs) +
			       n * sizeof(uint64_t)), val);
}

static void add_memslot(int vm, uint32_t slot, uint64_t ipa, uint64_t size,
			void *mem)
{
	struct kvm_userspace_memory_region region = {
		.slot = slot,
		.guest_phys_addr = ipa,
		.memory_size = size,
		.userspace_addr = (uintptr_t)mem,
	};

	if (ioctl(vm, KVM_SET_USER_MEMORY_REGION, &region))
		die("memslot");
}

#define GUEST_REPORTS	4

/* Runs the guest until its four reports; returns them in @out. */
static void run_guest(int vcpu, struct kvm_run *run, uint64_t *out)
{
	int n = 0, exits;

	for (exits = 0; n < GUEST_REPORTS && exits < 16; exits++) {
		if (ioctl(vcpu, KVM_RUN, NULL))
			die("kvm-run");
		if (run->exit_reason != KVM_EXIT_MMIO ||
		    run->mmio.phys_addr != EXIT_IPA || !run->mmio.is_write ||
		    run->mmio.len != 8) {
			say("exit reason=%u addr=0x%llx", run->exit_reason,
			    (unsigned long long)run->mmio.phys_addr);
			errno = EPROTO;
			die("guest-exit");
		}
		memcpy(&out[n++], run->mmio.data, 8);
	}
	if (n < GUEST_REPORTS) {
		errno = ETIMEDOUT;
		die("guest-reports");
	}
}

static void run_vm(struct bar *bar)
{
	struct kvm_vcpu_init init;
	volatile uint64_t *shared = bar->map;
	volatile uint8_t *bytes = bar->map;
	uint64_t *pgd, out[GUEST_REPORTS], stored = 0;
	int i;
	struct kvm_run *run;
	int kvm, vm, vcpu;
	long run_size;
	char *ram;

	kvm = open("/dev/kvm", O_RDWR);
	if (kvm < 0)
		die("open-kvm");
	vm = ioctl(kvm, KVM_CREATE_VM, 0);
	if (vm < 0)
		die("create-vm");

	ram = mmap(NULL, RAM_SIZE, PROT_READ | PROT_WRITE,
		   MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (ram == MAP_FAILED)
		die("ram");
	if (guest_code_end - guest_code > (long)PGD_OFFSET) {
		errno = E2BIG;
		die("guest-code");
	}
	memcpy(ram, guest_code, guest_code_end - guest_code);
	pgd = (uint64_t *)(ram + PGD_OFFSET);
	pgd[RAM_IPA >> 30] = S1_BLOCK(RAM_IPA, ATTR_RAM);
	pgd[BAR_IPA >> 30] = S1_BLOCK(BAR_IPA, ATTR_BAR) | S1_XN;
	pgd[EXIT_IPA >> 30] = S1_BLOCK(EXIT_IPA, ATTR_EXIT) | S1_XN;
	add_memslot(vm, 0, RAM_IPA, RAM_SIZE, ram);
	add_memslot(vm, 1, BAR_IPA, bar->size, bar->map);
	say("layout ram=0x%llx+0x%llx bar=0x%llx+0x%llx", RAM_IPA, RAM_SIZE,
	    BAR_IPA, (unsigned long long)bar->size);

	vcpu = ioctl(vm, KVM_CREATE_VCPU, 0);
	if (vcpu < 0)
		die("create-vcpu");
	if (ioctl(vm, KVM_ARM_PREFERRED_TARGET, &init) ||
	    ioctl(vcpu, KVM_ARM_VCPU_INIT, &init))
		die("vcpu-init");
	run_size = ioctl(kvm, KVM_GET_VCPU_MMAP_SIZE, 0);
	run = mmap(NULL, run_size, PROT_READ | PROT_WRITE, MAP_SHARED, vcpu, 0);
	if (run == MAP_FAILED)
		die("vcpu-mmap");

	set_reg(vcpu, core_reg(offsetof(struct kvm_regs, regs.pc)), RAM_IPA);
	set_xreg(vcpu, 1, MAIR_NORMAL_WB << (8 * ATTR_RAM) |
			  MAIR_NORMAL_NC << (8 * ATTR_BAR) |
			  MAIR_DEVICE << (8 * ATTR_EXIT));
	set_xreg(vcpu, 2, TCR_VALUE);
	set_xreg(vcpu, 3, RAM_IPA + PGD_OFFSET);
	set_xreg(vcpu, 6, BAR_IPA);
	set_xreg(vcpu, 7, GUEST_PATTERN);
	set_xreg(vcpu, 8, EXIT_IPA);

	shared[0] = BAR_PATTERN;
	shared[1] = 0;
	shared[2] = 0;	/* bytes 17..24: the guest's unaligned store */
	shared[3] = 0;
	run_guest(vcpu, run, out);
	say("guest read=0x%016llx par=0x%016llx wrote=0x%016llx",
	    (unsigned long long)out[0], (unsigned long long)out[1],
	    (unsigned long long)shared[1]);
	/* byte by byte: this process's own mapping of the BAR is Device */
	for (i = 7; i >= 0; i--)
		stored = stored << 8 | bytes[17 + i];
	say("align esr=0x%llx far=0x%llx stored=0x%016llx",
	    (unsigned long long)out[2], (unsigned long long)out[3],
	    (unsigned long long)stored);
}

int main(void)
{
	struct bar bar;

	setup_fs();
	say("start");
	say("cpus=%ld", sysconf(_SC_NPROCESSORS_ONLN));
	report_bridge();
	if (getenv("ncvmm") && !strcmp(getenv("ncvmm"), "wcmap")) {
		say("mapped-by=wcmap");
		map_bar_wcmap(&bar);
	} else {
		say("mapped-by=vfio-pci");
		map_bar(&bar);
	}
	trace_stage2();
	run_vm(&bar);
	report_stage2();
	say("done");
	finish();
	return 0;
}
