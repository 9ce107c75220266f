// SPDX-License-Identifier: GPL-2.0
/*
 * probe: /init of the QEMU test initramfs.
 *
 * Reports, as "NCPROBE key=value" lines on the console, what the running
 * kernel decided about Normal-NC (write-combining) mappings and what user
 * space can actually do with an ivshmem device's 64-bit prefetchable BAR 2:
 *
 *   NCPROBE start
 *   NCPROBE cpus=N                    (online CPUs)
 *   NCPROBE bridge=0000:00 verdict=safe source=default
 *   NCPROBE warn=<text>               (kernel warnings about normal-nc-mmio)
 *   NCPROBE ivshmem=0000:00:01.0
 *   NCPROBE resource2=present
 *   NCPROBE resource2_wc=present|absent
 *   NCPROBE mmap_uc=ok|fail <errno name>|mismatch
 *   NCPROBE mmap_wc=ok|fail <errno name>|mismatch
 *   NCPROBE proc_wc_ioctl=ok|fail <errno name>
 *   NCPROBE proc_mmap=ok|fail <errno name>|mismatch
 *   NCPROBE wc_files=N                (resourceN_wc files of all devices)
 *   NCPROBE wcmap...                  (tests/wcmap, if /wcmap exists)
 *   NCPROBE acpi-table=NAME size=N    (on ACPI: the DSDT and each SSDT the
 *   NCPROBE acpi-b64=<base64>          kernel booted with, for ncpolicy
 *                                      --acpi in tests/qemu/run-acpi)
 *   NCPROBE done
 *
 * then resets the machine, which ends QEMU under -no-reboot. It knows
 * nothing about what to expect: the test runner on the host judges. Built
 * static (for aarch64, or for x86_64 by tests/qemu/run-x86), it needs no
 * other file in the initramfs.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <linux/pci.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/mman.h>
#include <sys/mount.h>
#include <sys/reboot.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#define SAY_PREFIX	"NCPROBE "
#include "say.h"

#define IVSHMEM_VENDOR	0x1af4
#define IVSHMEM_DEVICE	0x1110
#define PROBE_BAR	2
#define PATTERN32	0x5aa5c33cu
#define PATTERN64	0x0123456789abcdefull

/* Reads a small sysfs file into @buf without the trailing newline. */
static int read_text(const char *path, char *buf, size_t size)
{
	ssize_t n;
	int fd;

	fd = open(path, O_RDONLY);
	if (fd < 0)
		return -errno;
	n = read(fd, buf, size - 1);
	close(fd);
	if (n < 0)
		return -errno;
	while (n > 0 && (buf[n - 1] == '\n' || buf[n - 1] == '\r'))
		n--;
	buf[n] = '\0';
	return 0;
}

static void setup_fs(void)
{
	int fd;

	mkdir("/proc", 0555);
	mkdir("/sys", 0555);
	mkdir("/dev", 0755);
	mount("proc", "/proc", "proc", 0, NULL);
	mount("sysfs", "/sys", "sysfs", 0, NULL);
	mount("devtmpfs", "/dev", "devtmpfs", 0, NULL);

	/* The initramfs may lack /dev/console: then we start without fds. */
	if (fcntl(STDOUT_FILENO, F_GETFD) < 0) {
		fd = open("/dev/console", O_RDWR | O_NOCTTY);
		if (fd >= 0) {
			dup2(fd, STDIN_FILENO);
			dup2(fd, STDOUT_FILENO);
			dup2(fd, STDERR_FILENO);
			if (fd > STDERR_FILENO)
				close(fd);
		}
	}
}

/*
 * For every PCI bus whose parent device is a host bridge ("pciDDDD:BB"),
 * the verdict files the series adds to that device.
 */
static void report_bridges(void)
{
	char path[512], link[512], verdict[128], source[512];
	struct dirent *de;
	const char *base;
	int found = 0;
	ssize_t n;
	DIR *dir;

	dir = opendir("/sys/class/pci_bus");
	if (!dir) {
		say("bridge=none error=%s", strerrorname_np(errno));
		return;
	}
	while ((de = readdir(dir))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/sys/class/pci_bus/%s/device",
			 de->d_name);
		n = readlink(path, link, sizeof(link) - 1);
		if (n < 0)
			continue;
		link[n] = '\0';
		base = strrchr(link, '/');
		base = base ? base + 1 : link;
		if (strncmp(base, "pci", 3))
			continue;
		found++;
		snprintf(path, sizeof(path),
			 "/sys/class/pci_bus/%s/device/normal_nc_mmio",
			 de->d_name);
		if (read_text(path, verdict, sizeof(verdict)))
			strcpy(verdict, "missing");
		snprintf(path, sizeof(path),
			 "/sys/class/pci_bus/%s/device/normal_nc_mmio_source",
			 de->d_name);
		if (read_text(path, source, sizeof(source)))
			strcpy(source, "missing");
		say("bridge=%s verdict=%s source=%s", de->d_name, verdict,
		    source);
	}
	closedir(dir);
	if (!found)
		say("bridge=none");
}

/*
 * /dev/kmsg writes unprintable bytes and '\\' as "\\xHH": undo that in place,
 * so that ACPI paths such as \\_SB.PCI0 read as the console shows them.
 */
static void kmsg_unescape(char *s)
{
	char *out = s;
	unsigned int c;

	while (*s) {
		if (s[0] == '\\' && s[1] == 'x' && sscanf(s + 2, "%2x", &c) == 1 &&
		    isxdigit((unsigned char)s[2]) && isxdigit((unsigned char)s[3])) {
			*out++ = (char)c;
			s += 4;
		} else {
			*out++ = *s++;
		}
	}
	*out = '\0';
}

/*
 * Kernel messages at warning level or worse that mention the property or
 * the parameter. The console shows no levels; /dev/kmsg does.
 */
static void report_warnings(void)
{
	char rec[2048];
	char *msg, *end;
	unsigned int prio;
	ssize_t n;
	int fd;

	fd = open("/dev/kmsg", O_RDONLY | O_NONBLOCK);
	if (fd < 0) {
		say("warn-scan=fail %s", strerrorname_np(errno));
		return;
	}
	for (;;) {
		n = read(fd, rec, sizeof(rec) - 1);
		if (n < 0 && errno == EPIPE)
			continue;	/* overwritten records: go on */
		if (n <= 0)
			break;
		rec[n] = '\0';
		/* "prio,seq,usec,flags[,...];message\n" then continuations */
		if (sscanf(rec, "%u,", &prio) != 1)
			continue;
		msg = strchr(rec, ';');
		if (!msg || (prio & 7) > 4)
			continue;
		msg++;
		end = strchr(msg, '\n');
		if (end)
			*end = '\0';
		kmsg_unescape(msg);
		if (strstr(msg, "normal-nc-mmio") ||
		    strstr(msg, "normal_nc_mmio"))
			say("warn=%s", msg);
	}
	close(fd);
	say("warn-scan=done");
}

static int find_ivshmem(char *name, size_t size)
{
	char path[512], val[64];
	struct dirent *de;
	DIR *dir;
	int ret = -ENOENT;

	dir = opendir("/sys/bus/pci/devices");
	if (!dir)
		return -errno;
	while ((de = readdir(dir))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/vendor",
			 de->d_name);
		if (read_text(path, val, sizeof(val)) ||
		    strtoul(val, NULL, 16) != IVSHMEM_VENDOR)
			continue;
		snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/device",
			 de->d_name);
		if (read_text(path, val, sizeof(val)) ||
		    strtoul(val, NULL, 16) != IVSHMEM_DEVICE)
			continue;
		snprintf(name, size, "%s", de->d_name);
		ret = 0;
		break;
	}
	closedir(dir);
	return ret;
}

/* Write @val to the file @path; 0 or -1 with errno set. */
static int write_file(const char *path, const char *val)
{
	int fd = open(path, O_WRONLY), ret = 0;

	if (fd < 0)
		return -1;
	if (write(fd, val, strlen(val)) != (ssize_t)strlen(val))
		ret = -1;
	close(fd);
	return ret;
}

/* BAR @bar's start and size as user space sees them (sysfs "resource"). */
static int bar_range(const char *dev, int bar, uint64_t *start,
		     uint64_t *size)
{
	unsigned long long s, e, f;
	char path[512];
	FILE *fp;
	int i, ret = -ENOENT;

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/resource", dev);
	fp = fopen(path, "r");
	if (!fp)
		return -errno;
	for (i = 0; i <= bar; i++) {
		if (fscanf(fp, "%llx %llx %llx", &s, &e, &f) != 3)
			goto out;
	}
	if (!e)
		goto out;
	*start = s;
	*size = e - s + 1;
	ret = 0;
out:
	fclose(fp);
	return ret;
}

/* Write and read back through a fresh mapping; reports "ok" or why not. */
static void try_mmap(const char *key, int fd, off_t off, size_t len)
{
	volatile uint32_t *w32;
	volatile uint64_t *w64;
	void *p;

	p = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_SHARED, fd, off);
	if (p == MAP_FAILED) {
		say("%s=fail %s", key, strerrorname_np(errno));
		return;
	}
	w32 = p;
	w64 = (volatile uint64_t *)((char *)p + 8);
	w32[0] = PATTERN32;
	*w64 = PATTERN64;
	if (w32[0] != PATTERN32 || *w64 != PATTERN64)
		say("%s=mismatch", key);
	else
		say("%s=ok", key);
	munmap(p, len);
}

static void probe_sysfs_bar(const char *dev, const char *suffix,
			    const char *key, size_t len)
{
	char path[512];
	int fd;

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/resource%d%s",
		 dev, PROBE_BAR, suffix);
	fd = open(path, O_RDWR | O_SYNC);
	if (fd < 0) {
		say("%s=fail %s", key, strerrorname_np(errno));
		return;
	}
	try_mmap(key, fd, 0, len);
	close(fd);
}

/*
 * /proc/bus/pci/BB/SS.F: PCIIOC_WRITE_COMBINE succeeds only where the
 * architecture has the /proc mmap interface (HAVE_PCI_MMAP; not arm64)
 * and allows write-combining for this device; then an mmap of the BAR
 * through the same file.
 */
static void probe_proc(const char *dev, uint64_t start, size_t len)
{
	unsigned int domain, bus, slot, func;
	char path[512];
	int fd;

	if (sscanf(dev, "%x:%x:%x.%x", &domain, &bus, &slot, &func) != 4) {
		say("proc_wc_ioctl=fail bad-name");
		return;
	}
	/* With the domain in the name where pci_proc_domain() says so. */
	snprintf(path, sizeof(path), "/proc/bus/pci/%04x:%02x/%02x.%x",
		 domain, bus, slot, func);
	fd = open(path, O_RDWR);
	if (fd < 0 && !domain) {
		snprintf(path, sizeof(path), "/proc/bus/pci/%02x/%02x.%x",
			 bus, slot, func);
		fd = open(path, O_RDWR);
	}
	if (fd < 0) {
		say("proc_wc_ioctl=fail %s %s", strerrorname_np(errno), path);
		return;
	}
	if (ioctl(fd, PCIIOC_MMAP_IS_MEM, 0) < 0)
		say("proc_mem_ioctl=fail %s", strerrorname_np(errno));
	if (ioctl(fd, PCIIOC_WRITE_COMBINE, 1) < 0)
		say("proc_wc_ioctl=fail %s", strerrorname_np(errno));
	else
		say("proc_wc_ioctl=ok");
	try_mmap("proc_mmap", fd, start, len);
	close(fd);
}

static void probe_ivshmem(void)
{
	char dev[256], path[512];
	uint64_t start = 0, size = 0;
	size_t len;
	int ret;

	ret = find_ivshmem(dev, sizeof(dev));
	if (ret) {
		say("ivshmem=absent %s", strerrorname_np(-ret));
		return;
	}
	say("ivshmem=%s", dev);

	/* No driver binds it: turn on memory decoding as one would. */
	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/enable", dev);
	if (write_file(path, "1"))
		say("enable=fail %s", strerrorname_np(errno));

	ret = bar_range(dev, PROBE_BAR, &start, &size);
	if (ret) {
		say("resource%d=absent", PROBE_BAR);
		return;
	}
	say("resource%d=present start=0x%llx size=0x%llx", PROBE_BAR,
	    (unsigned long long)start, (unsigned long long)size);
	len = sysconf(_SC_PAGESIZE);
	if (size < len)
		len = size;

	snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s/resource%d_wc",
		 dev, PROBE_BAR);
	say("resource%d_wc=%s", PROBE_BAR,
	    access(path, F_OK) ? "absent" : "present");

	probe_sysfs_bar(dev, "", "mmap_uc", len);
	probe_sysfs_bar(dev, "_wc", "mmap_wc", len);
	probe_proc(dev, start, len);
}

/*
 * Every resourceN_wc file of every PCI device: an unsafe verdict must
 * leave none, whichever BAR or device it would be for.
 */
static void count_wc_files(void)
{
	char path[512];
	struct dirent *de, *fe;
	DIR *dir, *dev;
	int n = 0;
	size_t len;

	dir = opendir("/sys/bus/pci/devices");
	if (!dir) {
		say("wc_files=fail %s", strerrorname_np(errno));
		return;
	}
	while ((de = readdir(dir))) {
		if (de->d_name[0] == '.')
			continue;
		snprintf(path, sizeof(path), "/sys/bus/pci/devices/%s",
			 de->d_name);
		dev = opendir(path);
		if (!dev)
			continue;
		while ((fe = readdir(dev))) {
			len = strlen(fe->d_name);
			if (!strncmp(fe->d_name, "resource", 8) && len > 11 &&
			    !strcmp(fe->d_name + len - 3, "_wc"))
				n++;
		}
		closedir(dev);
	}
	closedir(dir);
	say("wc_files=%d", n);
}

/*
 * The wcmap test module's driver (tests/wcmap), when the initramfs has it:
 * it prints its own "NCPROBE wcmap..." lines.
 */
static void run_wcmap(void)
{
	char *argv[] = { "/wcmap", NULL };
	int status;
	pid_t pid;

	if (access(argv[0], X_OK))
		return;
	pid = fork();
	if (pid == 0) {
		execv(argv[0], argv);
		say("wcmap=fail exec: %s", strerror(errno));
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0)
		say("wcmap=fail fork: %s", strerror(errno));
}

/* One table of /sys/firmware/acpi/tables, base64, 60 bytes a line. */
static void dump_table(const char *name)
{
	static const char b64[] =
		"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
	unsigned char in[60];
	char path[128], line[81];
	size_t i, o;
	ssize_t n;
	long size = 0;
	int fd;

	snprintf(path, sizeof(path), "/sys/firmware/acpi/tables/%s", name);
	fd = open(path, O_RDONLY);
	if (fd < 0) {
		say("acpi-table=%s error=%s", name, strerrorname_np(errno));
		return;
	}
	while ((n = read(fd, in, sizeof(in))) > 0)
		size += n;
	say("acpi-table=%s size=%ld", name, size);
	lseek(fd, 0, SEEK_SET);
	/* sysfs gives whole reads of 60 bytes but the last. */
	while ((n = read(fd, in, sizeof(in))) > 0) {
		for (i = 0, o = 0; i < (size_t)n; i += 3) {
			unsigned int v = in[i] << 16;

			if (i + 1 < (size_t)n)
				v |= in[i + 1] << 8;
			if (i + 2 < (size_t)n)
				v |= in[i + 2];
			line[o++] = b64[v >> 18 & 63];
			line[o++] = b64[v >> 12 & 63];
			line[o++] = i + 1 < (size_t)n ? b64[v >> 6 & 63] : '=';
			line[o++] = i + 2 < (size_t)n ? b64[v & 63] : '=';
		}
		line[o] = '\0';
		say("acpi-b64=%s", line);
	}
	close(fd);
}

/* On ACPI: the definition blocks the kernel runs, for the host to read. */
static void dump_acpi_tables(void)
{
	struct dirent **names;
	int i, n;

	if (access("/sys/firmware/acpi/tables/DSDT", R_OK))
		return;
	dump_table("DSDT");
	n = scandir("/sys/firmware/acpi/tables", &names, NULL, alphasort);
	for (i = 0; i < n; i++) {
		if (!strncmp(names[i]->d_name, "SSDT", 4))
			dump_table(names[i]->d_name);
		free(names[i]);
	}
	if (n >= 0)
		free(names);
}

int main(void)
{
	setup_fs();
	say("start");
	say("cpus=%ld", sysconf(_SC_NPROCESSORS_ONLN));
	report_bridges();
	report_warnings();
	probe_ivshmem();
	count_wc_files();
	run_wcmap();
	dump_acpi_tables();
	say("done");
	sync();
	/*
	 * A reset, not a power-off: the x86_64 test kernel has no ACPI, so
	 * power-off would halt and leave QEMU running; every boot passes
	 * -no-reboot, so a reset ends QEMU on both architectures.
	 */
	reboot(RB_AUTOBOOT);
	/* Not reached unless the reset failed; init must not exit. */
	for (;;)
		pause();
	return 0;
}
