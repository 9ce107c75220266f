// SPDX-License-Identifier: GPL-2.0
/*
 * wcmap-user: the user-space driver of the wcmap test module, run by the
 * QEMU probe (tests/qemu/probe.c) as /wcmap when the initramfs has it.
 *
 * Loads /wcmap.ko, maps the ivshmem BAR write-combining with every kernel
 * and user primitive, then makes a real driver map its BAR write-combining
 * (the bochs-display DRM driver's scanout buffer, which TTM maps into user
 * space with pgprot_writecombine()), and prints the memory type each
 * mapping really got:
 *
 *   NCPROBE wcmap=loaded
 *   NCPROBE wcmap.k.ioremap_wc=normal-nc|device-ngnre|...   (kernel)
 *   NCPROBE wcmap.u.remap_pfn_range=...                     (user)
 *   NCPROBE wcmap.bochs.dumb=...
 *   NCPROBE wcmap.done
 *
 * With wcmap_rebind=1 on the kernel command line it then unbinds the
 * generic host bridge and binds it again, mapping its window in between
 * (NCPROBE wcmap.rebind..., see rebind()). With wcmap_early=1 it only maps
 * the windows of a host bridge that has not probed (see early()).
 *
 * Every user mapping, and the bochs buffer, is also read again after
 * mprotect(PROT_READ) (NCPROBE wcmap.u.mprotect.PRIM=...,
 * wcmap.bochs.dumb_mprotect=...), and cacheable mappings of the BAR
 * (ioremap_cache(), memremap(MEMREMAP_WB), a cacheable remap_pfn_range())
 * are read like the write-combining ones. With MTE, an anonymous page
 * must still become Normal-Tagged by mprotect(PROT_MTE). A second
 * ivshmem device's BAR, published as P2PDMA memory, has a page of it
 * mapped through sysfs (NCPROBE wcmap.p2pmem=..., with the kernel's own
 * entry for that page as wcmap.p2pmem_kernel=...).
 *
 * Controls: ioremap() (Device whatever the verdict), ioremap_wc(),
 * ioremap_cache() and memremap(MEMREMAP_WB) of a device outside every PCI
 * window (QEMU virt's PL031 RTC) and a user WC mapping of RAM (the type
 * asked for, whatever the verdict). The host judges.
 */
#define _GNU_SOURCE
#include <errno.h>
#include <fcntl.h>
#include <inttypes.h>
#include <drm/drm.h>
#include <drm/drm_mode.h>
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/auxv.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <time.h>
#include <dirent.h>
#include <unistd.h>
#include <asm/hwcap.h>

#include "align.h"
#include "wcmap.h"

#define SAY_PREFIX	"NCPROBE wcmap"
#include "../qemu/say.h"

#define PAGE		4096UL
#define VIRT_RTC	0x09010000UL	/* QEMU virt PL031: no PCI window */
/* QEMU virt's PCIe memory windows, as its tree's ranges give them */
#define VIRT_PCIE_MMIO		0x10000000UL
#define VIRT_PCIE_MMIO_HIGH	0x8000000000ULL
#define BOCHS_VENDOR	0x1234
#define BOCHS_DEVICE	0x1111

static int wcmap_fd = -1;

static void kernel_map(const char *name, unsigned int prim, uint64_t phys)
{
	struct wcmap_kernel k = { .prim = prim, .phys = phys };

	if (ioctl(wcmap_fd, WCMAP_IOC_KERNEL, &k))
		say(".k.%s=%s%s", name, errno == ENXIO ? "null" : "fail ",
		    errno == ENXIO ? "" : strerror(errno));
	else
		say(".k.%s=%s", name, k.attr);
}

static const char *user_attr(void *va, struct wcmap_pte *p)
{
	memset(p, 0, sizeof(*p));
	p->va = (uintptr_t)va;
	if (ioctl(wcmap_fd, WCMAP_IOC_USER_PTE, p))
		return "fail";
	return p->attr;
}

/* mmap() of /dev/wcmap with @prim; touched so that faults insert. */
static volatile uint8_t *user_map(unsigned int prim, size_t len)
{
	void *va = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED,
			wcmap_fd, (off_t)prim * PAGE);

	if (va == MAP_FAILED)
		return NULL;
	(void)*(volatile uint8_t *)va;
	return va;
}

static void user_prim(const char *name, unsigned int prim)
{
	volatile uint8_t *va = user_map(prim, PAGE);
	struct wcmap_pte p;
	char key[96];

	if (!va) {
		say(".u.%s=fail %s", name, strerror(errno));
		return;
	}
	say(".u.%s=%s", name, user_attr((void *)va, &p));
	snprintf(key, sizeof(key), "u.%s", name);
	align_probe(key, va);
	munmap((void *)va, PAGE);
}

/* What fork(), mremap() and mprotect() leave of a remap_pfn_range() map. */
static void user_lifecycle(void)
{
	volatile uint8_t *va = user_map(WCMAP_REMAP_PFN_RANGE, 2 * PAGE);
	struct wcmap_pte p;
	void *moved, *hole;
	int status;
	pid_t pid;

	if (!va) {
		say(".u.lifecycle=fail %s", strerror(errno));
		return;
	}
	pid = fork();
	if (pid == 0) {
		(void)va[0];
		say(".u.fork_child=%s", user_attr((void *)va, &p));
		_exit(0);
	}
	if (pid > 0)
		waitpid(pid, &status, 0);

	/* a fixed target: the kernel must move the entries, not refault */
	hole = mmap(NULL, 2 * PAGE, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	moved = mremap((void *)va, 2 * PAGE, 2 * PAGE,
		       MREMAP_MAYMOVE | MREMAP_FIXED, hole);
	if (moved == MAP_FAILED) {
		say(".u.mremap=fail %s", strerror(errno));
		munmap((void *)va, 2 * PAGE);
		return;
	}
	say(".u.mremap=%s", user_attr(moved, &p));
	if (mprotect(moved, 2 * PAGE, PROT_READ))
		say(".u.mprotect=fail %s", strerror(errno));
	else
		say(".u.mprotect=%s", user_attr(moved, &p));
	munmap(moved, 2 * PAGE);
}

/*
 * mprotect() rebuilds every present entry of the range (arm64's
 * pte_modify()): the memory type each primitive installed must stay, also
 * where the VMA's own protection is cacheable (vmf_insert_pfn_prot(),
 * remap_pfn_range_cached). One page each, touched, then made read-only.
 */
static void user_mprotect(void)
{
	static const struct { const char *name; unsigned int prim; } user[] = {
		{ "remap_pfn_range", WCMAP_REMAP_PFN_RANGE },
		{ "io_remap_pfn_range", WCMAP_IO_REMAP_PFN_RANGE },
		{ "vm_iomap_memory", WCMAP_VM_IOMAP_MEMORY },
		{ "vmf_insert_pfn_prot", WCMAP_VMF_INSERT_PFN_PROT },
		{ "vmf_insert_mixed", WCMAP_VMF_INSERT_MIXED },
		{ "remap_pfn_range_cached", WCMAP_REMAP_PFN_RANGE_CACHED },
		{ "ram_remap_pfn_range", WCMAP_RAM_REMAP_PFN },
	};
	volatile uint8_t *va;
	struct wcmap_pte p;
	unsigned int i;

	for (i = 0; i < sizeof(user) / sizeof(user[0]); i++) {
		va = user_map(user[i].prim, PAGE);
		if (!va)
			say(".u.mprotect.%s=fail mmap %s", user[i].name,
			    strerror(errno));
		else if (mprotect((void *)va, PAGE, PROT_READ))
			say(".u.mprotect.%s=fail %s", user[i].name,
			    strerror(errno));
		else
			say(".u.mprotect.%s=%s", user[i].name,
			    user_attr((void *)va, &p));
		if (va)
			munmap((void *)va, PAGE);
	}
}

/*
 * MTE's change of memory type, which mprotect() must still make: a page of
 * anonymous memory (written, so not the shared zero page) goes from
 * Normal to Normal-Tagged with PROT_MTE. "unsupported" without MTE.
 */
static void user_mte(void)
{
	volatile uint8_t *va;
	struct wcmap_pte p;

	if (!(getauxval(AT_HWCAP2) & HWCAP2_MTE)) {
		say(".u.mte_mprotect=unsupported");
		return;
	}
	va = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
		  MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (va == MAP_FAILED) {
		say(".u.mte_mprotect=fail mmap %s", strerror(errno));
		return;
	}
	va[0] = 1;
	say(".u.mte_before=%s", user_attr((void *)va, &p));
	if (mprotect((void *)va, PAGE, PROT_READ | PROT_WRITE | PROT_MTE))
		say(".u.mte_mprotect=fail %s", strerror(errno));
	else
		say(".u.mte_mprotect=%s", user_attr((void *)va, &p));
	munmap((void *)va, PAGE);
}

#define PTE_UXN_BIT	54	/* user execute-never */

/*
 * The dumb buffer's mapping after mprotect(PROT_READ): as mapped. Then
 * after mprotect(PROT_READ | PROT_EXEC): still as mapped, and a Device
 * entry is still execute-never (UXN) where a Normal-NC one follows the
 * request; so does a page of anonymous memory, the control.
 */
static void bochs_mprotect(volatile uint32_t *va, size_t size)
{
	volatile uint8_t *anon;
	struct wcmap_pte p;
	const char *attr;

	if (mprotect((void *)va, size, PROT_READ))
		say(".bochs.dumb_mprotect=fail %s", strerror(errno));
	else
		say(".bochs.dumb_mprotect=%s", user_attr((void *)va, &p));
	if (mprotect((void *)va, size, PROT_READ | PROT_EXEC)) {
		say(".bochs.dumb_exec=fail %s", strerror(errno));
	} else {
		attr = user_attr((void *)va, &p);
		say(".bochs.dumb_exec=%s", attr);
		say(".bochs.dumb_exec_uxn=%d", (int)(p.pte >> PTE_UXN_BIT & 1));
	}
	anon = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
		    MAP_PRIVATE | MAP_ANONYMOUS, -1, 0);
	if (anon == MAP_FAILED) {
		say(".u.anon_exec_uxn=fail mmap %s", strerror(errno));
		return;
	}
	anon[0] = 1;
	if (mprotect((void *)anon, PAGE, PROT_READ | PROT_EXEC))
		say(".u.anon_exec_uxn=fail %s", strerror(errno));
	else if (strcmp(user_attr((void *)anon, &p), "fail"))
		say(".u.anon_exec_uxn=%d", (int)(p.pte >> PTE_UXN_BIT & 1));
	munmap((void *)anon, PAGE);
}

/*
 * One VMA, two pages remapped with its write-combining protection: a page
 * of the BAR (the verdict's type), then a page of RAM, which keeps
 * Normal-NC whatever the first did.
 */
static void user_vma_prot(void)
{
	volatile uint8_t *va = user_map(WCMAP_REMAP_BAR_THEN_RAM, 2 * PAGE);
	struct wcmap_pte p;

	if (!va) {
		say(".u.vma_bar=fail %s", strerror(errno));
		return;
	}
	(void)va[PAGE];
	say(".u.vma_bar=%s", user_attr((void *)va, &p));
	say(".u.vma_ram_after_bar=%s", user_attr((void *)(va + PAGE), &p));
	munmap((void *)va, 2 * PAGE);
}

static int read_hex(const char *path, unsigned long *v)
{
	char buf[64];
	FILE *f = fopen(path, "r");
	int ok;

	if (!f)
		return -1;
	ok = fgets(buf, sizeof(buf), f) != NULL;
	fclose(f);
	if (!ok)
		return -1;
	*v = strtoul(buf, NULL, 16);
	return 0;
}

/* BAR 0 (VRAM) of the bochs-display device. */
static int bochs_bar0(uint64_t *start, uint64_t *end)
{
	char path[300];
	unsigned long vendor, device;
	struct dirent *de;
	int found = -1;
	DIR *d;
	FILE *f;

	d = opendir("/sys/bus/pci/devices");
	if (!d)
		return -1;
	while (found && (de = readdir(d))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/vendor", de->d_name);
		if (read_hex(path, &vendor) || vendor != BOCHS_VENDOR)
			continue;
		snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/device", de->d_name);
		if (read_hex(path, &device) || device != BOCHS_DEVICE)
			continue;
		snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/resource", de->d_name);
		f = fopen(path, "r");
		if (f && fscanf(f, "%" SCNx64 " %" SCNx64, start, end) == 2)
			found = 0;
		if (f)
			fclose(f);
	}
	closedir(d);
	return found;
}

/*
 * The bochs DRM driver, as a display server uses it: a dumb buffer made
 * the scanout framebuffer (which pins it in VRAM, BAR 0) and mapped
 * through /dev/dri/card0. TTM's fault handler inserts VRAM pages with
 * ttm_io_prot(), that is pgprot_writecombine(), by itself.
 */
static void bochs_dumb(void)
{
	struct drm_mode_create_dumb create = { .width = 64, .height = 64, .bpp = 32 };
	struct drm_mode_card_res res = { 0 };
	struct drm_mode_get_connector conn = { 0 };
	struct drm_mode_modeinfo mode, modes[64];
	uint32_t crtc_ids[8], conn_ids[8];
	struct drm_mode_fb_cmd fb = { 0 };
	struct drm_mode_crtc crtc = { 0 };
	struct drm_mode_map_dumb map = { 0 };
	uint32_t crtc_id, conn_id;
	uint64_t start, end, phys;
	struct wcmap_pte p;
	volatile uint32_t *va;
	int fd;

	if (bochs_bar0(&start, &end)) {
		say(".bochs.dumb=absent");
		return;
	}
	fd = open("/dev/dri/card0", O_RDWR);
	if (fd < 0) {
		say(".bochs.dumb=fail /dev/dri/card0: %s", strerror(errno));
		return;
	}
	/*
	 * The first CRTC and connector, and the connector's first (preferred)
	 * mode. The kernel fills an array only if it is big enough for all,
	 * and probes the modes when asked for none: ask twice.
	 */
	res.crtc_id_ptr = (uintptr_t)crtc_ids;
	res.connector_id_ptr = (uintptr_t)conn_ids;
	res.count_crtcs = res.count_connectors = 8;
	if (ioctl(fd, DRM_IOCTL_MODE_GETRESOURCES, &res) ||
	    res.count_crtcs < 1 || res.count_crtcs > 8 ||
	    res.count_connectors < 1 || res.count_connectors > 8) {
		say(".bochs.dumb=fail resources: %u CRTCs, %u connectors: %s",
		    res.count_crtcs, res.count_connectors, strerror(errno));
		goto out;
	}
	crtc_id = crtc_ids[0];
	conn_id = conn_ids[0];
	conn.connector_id = conn_id;
	if (ioctl(fd, DRM_IOCTL_MODE_GETCONNECTOR, &conn) ||
	    conn.count_modes < 1 || conn.count_modes > 64) {
		say(".bochs.dumb=fail connector: %u modes: %s", conn.count_modes,
		    strerror(errno));
		goto out;
	}
	memset(&conn, 0, sizeof(conn));
	conn.connector_id = conn_id;
	conn.modes_ptr = (uintptr_t)modes;
	conn.count_modes = 64;
	if (ioctl(fd, DRM_IOCTL_MODE_GETCONNECTOR, &conn) ||
	    conn.count_modes < 1 || conn.count_modes > 64) {
		say(".bochs.dumb=fail modes: %s", strerror(errno));
		goto out;
	}
	mode = modes[0];
	create.width = mode.hdisplay;
	create.height = mode.vdisplay;
	if (ioctl(fd, DRM_IOCTL_MODE_CREATE_DUMB, &create)) {
		say(".bochs.dumb=fail create: %s", strerror(errno));
		goto out;
	}
	fb.width = create.width;
	fb.height = create.height;
	fb.pitch = create.pitch;
	fb.bpp = 32;
	fb.depth = 24;
	fb.handle = create.handle;
	crtc.crtc_id = crtc_id;
	crtc.set_connectors_ptr = (uintptr_t)&conn_id;
	crtc.count_connectors = 1;
	crtc.mode = mode;
	crtc.mode_valid = 1;
	if (ioctl(fd, DRM_IOCTL_MODE_ADDFB, &fb)) {
		say(".bochs.dumb=fail addfb %ux%u: %s", fb.width, fb.height,
		    strerror(errno));
		goto out;
	}
	crtc.fb_id = fb.fb_id;
	if (ioctl(fd, DRM_IOCTL_MODE_SETCRTC, &crtc)) {
		say(".bochs.dumb=fail setcrtc %s: %s", mode.name, strerror(errno));
		goto out;
	}
	map.handle = create.handle;
	if (ioctl(fd, DRM_IOCTL_MODE_MAP_DUMB, &map)) {
		say(".bochs.dumb=fail map: %s", strerror(errno));
		goto out;
	}
	va = mmap(NULL, create.size, PROT_READ | PROT_WRITE, MAP_SHARED, fd,
		  map.offset);
	if (va == MAP_FAILED) {
		say(".bochs.dumb=fail mmap: %s", strerror(errno));
		goto out;
	}
	va[0] = 0x005a5a5a;
	user_attr((void *)va, &p);
	/* The page must be VRAM (BAR 0), or this says nothing about BARs. */
	phys = p.pte & 0x0000fffffffff000ULL;
	if (phys < start || phys > end)
		say(".bochs.dumb=fail page at 0x%llx, not in VRAM (BAR 0)",
		    (unsigned long long)phys);
	else
		say(".bochs.dumb=%s", p.attr);
	align_probe("bochs.dumb", va);
	bochs_mprotect(va, create.size);
	munmap((void *)va, create.size);
out:
	close(fd);
}

/*
 * P2PDMA: the module publishes BAR 2 of the second ivshmem device as
 * peer-to-peer memory; a page of it is allocated and mapped through sysfs
 * (/sys/bus/pci/devices/DEV/p2pmem/allocate) as any user of P2PDMA maps
 * it, touched and read, beside the kernel's own entry for the same page,
 * then made read-only and read again. The page must be in that BAR.
 */
static void p2pmem(void)
{
	struct wcmap_p2pmem_pte k = { 0 };
	struct wcmap_p2pmem p2p;
	char path[300];
	uint64_t phys;
	struct wcmap_pte p;
	volatile uint8_t *va;
	int fd;

	if (ioctl(wcmap_fd, WCMAP_IOC_P2PMEM, &p2p)) {
		if (errno == ENODEV)
			say(".p2pmem=absent");
		else
			say(".p2pmem=fail publish: %s", strerror(errno));
		return;
	}
	say(".p2pmem.bar=%s 0x%llx+0x%llx", p2p.dev,
	    (unsigned long long)p2p.start, (unsigned long long)p2p.size);
	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/p2pmem/allocate",
		 p2p.dev);
	fd = open(path, O_RDWR | O_CLOEXEC);
	if (fd < 0) {
		say(".p2pmem=fail open %s: %s", path, strerror(errno));
		return;
	}
	va = mmap(NULL, PAGE, PROT_READ | PROT_WRITE, MAP_SHARED, fd, 0);
	close(fd);
	if (va == MAP_FAILED) {
		say(".p2pmem=fail mmap: %s", strerror(errno));
		return;
	}
	va[0] = 0x5a;
	user_attr((void *)va, &p);
	phys = p.pte & 0x0000fffffffff000ULL;
	if (phys < p2p.start || phys - p2p.start >= p2p.size) {
		say(".p2pmem=fail page at 0x%llx, not in %s's BAR 2",
		    (unsigned long long)phys, p2p.dev);
		munmap((void *)va, PAGE);
		return;
	}
	say(".p2pmem=%s", p.attr);
	k.phys = phys;
	if (ioctl(wcmap_fd, WCMAP_IOC_P2PMEM_PTE, &k))
		say(".p2pmem_kernel=fail %s", strerror(errno));
	else
		say(".p2pmem_kernel=%s", k.attr);
	if (mprotect((void *)va, PAGE, PROT_READ))
		say(".p2pmem_mprotect=fail %s", strerror(errno));
	else
		say(".p2pmem_mprotect=%s", user_attr((void *)va, &p));
	munmap((void *)va, PAGE);
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double now_ns(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e9 + ts.tv_nsec;
}

#define BENCH_RUNS	21
#define BENCH_ITERS	2000

static void bench_report(const char *what, double *ns)
{
	qsort(ns, BENCH_RUNS, sizeof(*ns), cmp_double);
	say(".bench.%s=median %.0f ns min %.0f max %.0f", what,
	    ns[BENCH_RUNS / 2], ns[0], ns[BENCH_RUNS - 1]);
}

/*
 * With wcmap_bench=1 on the kernel command line (init's environment):
 * the cost per mapping of ioremap_wc() + iounmap() of a BAR page, and of
 * mmap() + first touch + munmap() of a BAR page with remap_pfn_range()
 * and with vmf_insert_pfn_prot().
 */
static void bench(void)
{
	static const struct { const char *name; unsigned int prim; } user[] = {
		{ "mmap_remap_pfn_range", WCMAP_REMAP_PFN_RANGE },
		{ "mmap_vmf_insert_pfn_prot", WCMAP_VMF_INSERT_PFN_PROT },
	};
	struct wcmap_bench b = { .iters = BENCH_ITERS };
	double ns[BENCH_RUNS], t0;
	unsigned int r, i, u;
	void *va;

	for (r = 0; r < BENCH_RUNS; r++) {
		if (ioctl(wcmap_fd, WCMAP_IOC_BENCH, &b)) {
			say(".bench=fail %s", strerror(errno));
			return;
		}
		ns[r] = (double)b.ns / BENCH_ITERS;
	}
	bench_report("ioremap_wc", ns);
	for (u = 0; u < sizeof(user) / sizeof(user[0]); u++) {
		for (r = 0; r < BENCH_RUNS; r++) {
			t0 = now_ns();
			for (i = 0; i < BENCH_ITERS / 4; i++) {
				va = mmap(NULL, PAGE, PROT_READ | PROT_WRITE,
					  MAP_SHARED, wcmap_fd,
					  (off_t)user[u].prim * PAGE);
				if (va == MAP_FAILED) {
					say(".bench=fail mmap %s", strerror(errno));
					return;
				}
				*(volatile uint32_t *)va = i;
				munmap(va, PAGE);
			}
			ns[r] = (now_ns() - t0) / (BENCH_ITERS / 4);
		}
		bench_report(user[u].name, ns);
	}
}

#define HOST_DRIVER	"/sys/bus/platform/drivers/pci-host-generic"
#define HOST_BUS	"/sys/class/pci_bus/0000:00"

/* The generic host bridge's platform device, e.g. "4010000000.pcie". */
static int host_device(char *name, size_t len)
{
	struct dirent *de;
	const char *dot;
	int found = -1;
	DIR *d;

	d = opendir(HOST_DRIVER);
	if (!d)
		return -1;
	while (found && (de = readdir(d))) {
		dot = strrchr(de->d_name, '.');
		if (dot && !strcmp(dot, ".pcie")) {
			snprintf(name, len, "%s", de->d_name);
			found = 0;
		}
	}
	closedir(d);
	return found;
}

static int write_text(const char *path, const char *text)
{
	int fd = open(path, O_WRONLY | O_CLOEXEC);
	ssize_t n;

	if (fd < 0)
		return -1;
	n = write(fd, text, strlen(text));
	close(fd);
	return n == (ssize_t)strlen(text) ? 0 : -1;
}

/* The verdict of host bridge 0000:00 as sysfs has it, or "gone". */
static void rebind_bridge(const char *when)
{
	char buf[32];
	FILE *f = fopen(HOST_BUS "/device/normal_nc_mmio", "r");

	if (!f) {
		say(".rebind.%s_bridge=gone", when);
		return;
	}
	if (!fgets(buf, sizeof(buf), f))
		strcpy(buf, "unreadable");
	fclose(f);
	buf[strcspn(buf, "\n")] = '\0';
	say(".rebind.%s_bridge=%s", when, buf);
}

/*
 * With wcmap_rebind=1 on the kernel command line: unbind the generic host
 * bridge through sysfs (its root bus is removed), map @phys, a page of
 * its window, write-combining while no bridge owns it (once more, kept
 * while the bridge is bound again), bind the bridge again and map it once
 * more. The host judges: an unsafe bridge's windows leave with its root
 * bus and come back with the new one, which reports the kept mapping and
 * logs its own first downgrade.
 */
static void rebind(uint64_t phys)
{
	struct wcmap_kernel k = { 0 };
	char name[256];

	if (host_device(name, sizeof(name))) {
		say(".rebind=fail no %s/*.pcie", HOST_DRIVER);
		return;
	}
	kernel_map("rebind.bound_ioremap_wc", WCMAP_IOREMAP_WC, phys);
	if (write_text(HOST_DRIVER "/unbind", name)) {
		say(".rebind=fail unbind %s: %s", name, strerror(errno));
		return;
	}
	rebind_bridge("unbound");
	kernel_map("rebind.unbound_ioremap_wc", WCMAP_IOREMAP_WC, phys);
	user_prim("rebind.unbound_vmf_insert_pfn_prot", WCMAP_VMF_INSERT_PFN_PROT);
	/* a mapping that exists when the bridge registers again */
	k.phys = phys;
	if (ioctl(wcmap_fd, WCMAP_IOC_KEEP, &k))
		say(".rebind.kept=fail %s", strerror(errno));
	else
		say(".rebind.kept=%s", k.attr);
	if (write_text(HOST_DRIVER "/bind", name)) {
		say(".rebind=fail bind %s: %s", name, strerror(errno));
		return;
	}
	ioctl(wcmap_fd, WCMAP_IOC_DROP);
	rebind_bridge("rebound");
	kernel_map("rebind.rebound_ioremap_wc", WCMAP_IOREMAP_WC, phys);
	user_prim("rebind.rebound_vmf_insert_pfn_prot", WCMAP_VMF_INSERT_PFN_PROT);
	say(".rebind=done");
}

/*
 * With wcmap_early=1 on the kernel command line, booted with the generic
 * host bridge's driver kept from registering (initcall_blacklist=): no
 * host bridge has probed, and only the tree says what its windows are.
 * Map a page of each window, and the RTC outside them, without the
 * ivshmem device. The host judges: the early window table alone decides.
 */
static void early(void)
{
	say(".early.bridge=%s", access(HOST_BUS, F_OK) ? "none" : "probed");
	kernel_map("early.ioremap_wc", WCMAP_IOREMAP_WC, VIRT_PCIE_MMIO);
	kernel_map("early.memremap_wc", WCMAP_MEMREMAP_WC, VIRT_PCIE_MMIO);
	kernel_map("early.high_ioremap_wc", WCMAP_IOREMAP_WC,
		   VIRT_PCIE_MMIO_HIGH);
	kernel_map("early.outside_ioremap_wc", WCMAP_IOREMAP_WC, VIRT_RTC);
	say(".early=done");
}

/* Load /wcmap.ko with @params and open its device: 0, or 1 if not. */
static int load(const char *params)
{
	int fd = open("/wcmap.ko", O_RDONLY | O_CLOEXEC);

	if (fd < 0 || syscall(SYS_finit_module, fd, params, 0)) {
		say("=fail load: %s", strerror(errno));
		return 1;
	}
	close(fd);
	wcmap_fd = open("/dev/wcmap", O_RDWR | O_CLOEXEC);
	if (wcmap_fd < 0) {
		say("=fail /dev/wcmap: %s", strerror(errno));
		return 1;
	}
	return 0;
}

int main(void)
{
	struct wcmap_bar bar;
	bool no_pci = getenv("wcmap_early");

	if (load(no_pci ? "no_pci=1" : ""))
		return 1;
	if (no_pci) {
		early();
		return 0;
	}
	if (ioctl(wcmap_fd, WCMAP_IOC_BAR, &bar)) {
		say("=fail WCMAP_IOC_BAR: %s", strerror(errno));
		return 1;
	}
	say("=loaded");
	say(".bar=0x%llx+0x%llx", (unsigned long long)bar.start,
	    (unsigned long long)bar.size);

	kernel_map("ioremap", WCMAP_IOREMAP, 0);
	kernel_map("ioremap_wc", WCMAP_IOREMAP_WC, 0);
	kernel_map("devm_ioremap_wc", WCMAP_DEVM_IOREMAP_WC, 0);
	kernel_map("io_mapping_wc", WCMAP_IO_MAPPING_WC, 0);
	kernel_map("memremap_wc", WCMAP_MEMREMAP_WC, 0);
	kernel_map("outside_ioremap_wc", WCMAP_IOREMAP_WC, VIRT_RTC);
	kernel_map("ioremap_cache", WCMAP_IOREMAP_CACHE, 0);
	kernel_map("memremap_wb", WCMAP_MEMREMAP_WB, 0);
	kernel_map("outside_ioremap_cache", WCMAP_IOREMAP_CACHE, VIRT_RTC);
	kernel_map("outside_memremap_wb", WCMAP_MEMREMAP_WB, VIRT_RTC);

	user_prim("remap_pfn_range", WCMAP_REMAP_PFN_RANGE);
	user_prim("io_remap_pfn_range", WCMAP_IO_REMAP_PFN_RANGE);
	user_prim("vm_iomap_memory", WCMAP_VM_IOMAP_MEMORY);
	user_prim("vmf_insert_pfn_prot", WCMAP_VMF_INSERT_PFN_PROT);
	user_prim("vmf_insert_mixed", WCMAP_VMF_INSERT_MIXED);
	user_prim("ram_remap_pfn_range", WCMAP_RAM_REMAP_PFN);
	user_lifecycle();
	user_prim("remap_pfn_range_cached", WCMAP_REMAP_PFN_RANGE_CACHED);
	user_mprotect();
	user_vma_prot();
	user_mte();

	bochs_dumb();
	p2pmem();
	if (getenv("wcmap_bench"))
		bench();
	if (getenv("wcmap_rebind"))
		rebind(bar.start);
	say(".done");
	return 0;
}
