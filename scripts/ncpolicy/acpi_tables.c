// SPDX-License-Identifier: GPL-2.0
/*
 * Find the AML to load from what the user named: DSDT/SSDT files (as
 * acpixtract or iasl write them, or /sys/firmware/acpi/tables/ has them),
 * acpidump text (split by acpixtract) and directories of either. Only
 * table headers are read here, to refuse what acpiexec would choke on (a
 * length past the end of the file makes it crash); the AML itself is
 * ACPICA's to read.
 */
#include <dirent.h>
#include <errno.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "acpi_tables.h"
#include "subprocess.h"

#define TABLE_HEADER	36
/* Larger than any firmware's tables or acpidump text. */
#define MAX_TABLES_INPUT	((size_t)256 << 20)

static bool sig_char(unsigned char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
}

/* A line "XXXX @ 0x...", as acpidump starts each table. */
static bool dump_text(const unsigned char *b, size_t size)
{
	const unsigned char *p = b, *end = b + size;
	size_t i;

	if (memchr(b, '\0', size < 4096 ? size : 4096))
		return false;
	while (p < end) {
		while (p < end && (*p == ' ' || *p == '\t' || *p == '\r' || *p == '\n'))
			p++;
		for (i = 0; i < 4 && p + i < end && sig_char(p[i]); i++)
			;
		if (i == 4 && end - p > 9 && !memcmp(p + 4, " @ 0x", 5))
			return true;
		p = memchr(p, '\n', (size_t)(end - p));
		if (!p)
			break;
	}
	return false;
}

/**
 * nc_table_kind() - tell a DSDT/SSDT, another table and acpidump text apart
 * @b: the file's bytes
 * @size: their number
 * @why: for NC_TABLE_BAD, why, in a few words
 * @why_size: its size
 *
 * Return: the kind.
 */
enum nc_table_kind nc_table_kind(const unsigned char *b, size_t size,
				 char *why, size_t why_size)
{
	uint32_t len;
	bool defblock;

	/* Text first: acpidump's starts with a signature too ("DSDT @"). */
	if (size && dump_text(b, size))
		return NC_TABLE_DUMP;
	defblock = size >= 4 && (!memcmp(b, "DSDT", 4) || !memcmp(b, "SSDT", 4));
	if (size >= TABLE_HEADER && sig_char(b[0]) && sig_char(b[1]) &&
	    sig_char(b[2]) && sig_char(b[3])) {
		len = (uint32_t)b[4] | (uint32_t)b[5] << 8 |
		      (uint32_t)b[6] << 16 | (uint32_t)b[7] << 24;
		if (len >= TABLE_HEADER && len <= size)
			return defblock ? NC_TABLE_DEFINITION : NC_TABLE_OTHER;
		if (defblock && len > size) {
			snprintf(why, why_size, "truncated: its header says %u bytes, the file has %zu",
				 len, size);
			return NC_TABLE_BAD;
		}
		if (defblock) {
			snprintf(why, why_size, "a broken table header: length %u is shorter than the header",
				 len);
			return NC_TABLE_BAD;
		}
	} else if (defblock) {
		snprintf(why, why_size, "truncated: %zu bytes, shorter than a table header",
			 size);
		return NC_TABLE_BAD;
	}
	snprintf(why, why_size, "not a DSDT or SSDT (AML) nor acpidump output");
	return NC_TABLE_BAD;
}

static int add_path(struct nc_tables *t, const char *path, bool dsdt,
		    FILE *err)
{
	char **p = realloc(t->paths, (t->nr + 1) * sizeof(*p));
	char *s = strdup(path);

	if (!p || !s) {
		free(s);
		if (p)
			t->paths = p;
		fprintf(err, "ncpolicy: out of memory\n");
		return -1;
	}
	t->paths = p;
	if (dsdt) {
		if (t->has_dsdt) {
			fprintf(err, "ncpolicy: %s: a second DSDT (the first is %s): a system has one\n",
				path, t->paths[0]);
			free(s);
			return -1;
		}
		memmove(t->paths + 1, t->paths, t->nr * sizeof(*p));
		t->paths[0] = s;
		t->has_dsdt = 1;
	} else {
		t->paths[t->nr] = s;
	}
	t->nr++;
	return 0;
}

static unsigned char *slurp(const char *path, size_t *size, FILE *err)
{
	size_t cap = 65536, n = 0, got;
	unsigned char *buf = NULL, *p;
	FILE *f = fopen(path, "rb");

	if (!f) {
		fprintf(err, "ncpolicy: %s: cannot open: %s\n", path, strerror(errno));
		return NULL;
	}
	for (;;) {
		p = realloc(buf, cap);
		if (!p)
			goto oom;
		buf = p;
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (n < cap)
			break;
		if (cap >= MAX_TABLES_INPUT) {
			fprintf(err, "ncpolicy: %s: not ACPI tables: larger than %zu MiB\n",
				path, MAX_TABLES_INPUT >> 20);
			goto fail;
		}
		cap *= 2;
	}
	if (ferror(f)) {
		fprintf(err, "ncpolicy: %s: cannot read: %s\n", path, strerror(errno));
		goto fail;
	}
	fclose(f);
	*size = n;
	return buf;
oom:
	fprintf(err, "ncpolicy: %s: out of memory\n", path);
fail:
	free(buf);
	fclose(f);
	return NULL;
}

static int add_dir(struct nc_tables *t, const char *dir, bool from_dump,
		   unsigned int seconds, FILE *err);

/* Split an acpidump text with acpixtract, in a directory of its own. */
static int add_dump(struct nc_tables *t, const char *path,
		    unsigned int seconds, FILE *err)
{
	static unsigned int nr_dumps;
	char *abs = realpath(path, NULL), dir[4096];
	char *argv[] = { "acpixtract", "-a", abs, NULL };
	struct nc_run r;
	int ret = -1;

	if (!abs) {
		fprintf(err, "ncpolicy: %s: %s\n", path, strerror(errno));
		return -1;
	}
	if (!t->workdir) {
		const char *tmp = getenv("TMPDIR");

		snprintf(dir, sizeof(dir), "%s/ncpolicy-acpi.XXXXXX",
			 tmp && *tmp ? tmp : "/tmp");
		if (!mkdtemp(dir)) {
			fprintf(err, "ncpolicy: cannot make a temporary directory: %s\n",
				strerror(errno));
			goto out;
		}
		t->workdir = strdup(dir);
		if (!t->workdir) {
			fprintf(err, "ncpolicy: out of memory\n");
			goto out;
		}
	}
	snprintf(dir, sizeof(dir), "%s/dump%u", t->workdir, nr_dumps++);
	if (mkdir(dir, 0700)) {
		fprintf(err, "ncpolicy: %s: %s\n", dir, strerror(errno));
		goto out;
	}
	if (nc_run(argv, dir, seconds, (size_t)16 << 20, &r)) {
		if (r.missing)
			fprintf(err, "ncpolicy: %s: acpidump text needs acpixtract, which is not installed: install ACPICA's tools (Debian and Ubuntu: acpica-tools; Fedora: acpica-tools)\n",
				path);
		else
			fprintf(err, "ncpolicy: %s: cannot run acpixtract: %s\n",
				path, strerror(errno));
		goto out;
	}
	if (r.timed_out || r.status != 0) {
		fprintf(err, "ncpolicy: %s: acpixtract could not split it (%s)\n",
			path, r.timed_out ? "timed out" : "failed");
		nc_run_free(&r);
		goto out;
	}
	nc_run_free(&r);
	ret = add_dir(t, dir, true, seconds, err);
out:
	free(abs);
	return ret;
}

/*
 * One file; @in_dir: quietly skip what is not a table, and note acpidump
 * text in *@dump (used if the directory has no tables).
 */
static int add_file(struct nc_tables *t, const char *path, bool in_dir,
		    bool from_dump, char **dump, unsigned int seconds,
		    FILE *err)
{
	enum nc_table_kind kind;
	unsigned char *b;
	char why[128];
	size_t size;
	int ret = 0;

	b = slurp(path, &size, err);
	if (!b)
		return -1;
	kind = nc_table_kind(b, size, why, sizeof(why));
	switch (kind) {
	case NC_TABLE_DEFINITION:
		ret = add_path(t, path, !memcmp(b, "DSDT", 4), err);
		break;
	case NC_TABLE_OTHER:
		break;
	case NC_TABLE_DUMP:
		if (!in_dir) {
			ret = add_dump(t, path, seconds, err);
		} else if (!from_dump && !*dump) {
			*dump = strdup(path);
			ret = *dump ? 0 : -1;
		}
		break;
	case NC_TABLE_BAD:
		/* A broken DSDT/SSDT is an error even in a directory. */
		if (!in_dir || (size >= 4 && (!memcmp(b, "DSDT", 4) ||
					      !memcmp(b, "SSDT", 4)))) {
			fprintf(err, "ncpolicy: %s: %s\n", path, why);
			ret = -1;
		}
		break;
	}
	free(b);
	return ret;
}

/* Names in natural order (SSDT2 before SSDT10), as the XSDT lists them. */
static int by_version(const struct dirent **a, const struct dirent **b)
{
	const char *p = (*a)->d_name, *q = (*b)->d_name;
	size_t np, nq;

	while (*p && *q) {
		if (*p >= '0' && *p <= '9' && *q >= '0' && *q <= '9') {
			while (*p == '0')
				p++;
			while (*q == '0')
				q++;
			np = strspn(p, "0123456789");
			nq = strspn(q, "0123456789");
			if (np != nq)
				return np < nq ? -1 : 1;
			if (memcmp(p, q, np))
				return memcmp(p, q, np);
			p += np;
			q += nq;
			continue;
		}
		if (*p != *q)
			return (unsigned char)*p - (unsigned char)*q;
		p++;
		q++;
	}
	return (unsigned char)*p - (unsigned char)*q;
}

static int add_dir(struct nc_tables *t, const char *dir, bool from_dump,
		   unsigned int seconds, FILE *err)
{
	struct dirent **names;
	size_t before = t->nr;
	char *dump = NULL;
	char path[4096];
	struct stat st;
	int n, i, ret = 0;

	n = scandir(dir, &names, NULL, by_version);
	if (n < 0) {
		fprintf(err, "ncpolicy: %s: cannot list: %s\n", dir, strerror(errno));
		return -1;
	}
	for (i = 0; i < n; i++) {
		if (!ret && names[i]->d_name[0] != '.') {
			snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
			/* Regular files only: not /sys's dynamic/ and data/. */
			if (!stat(path, &st) && S_ISREG(st.st_mode))
				ret = add_file(t, path, true, from_dump, &dump,
					       seconds, err);
		}
		free(names[i]);
	}
	free(names);
	/* acpidump text in a directory without tables: its tables. */
	if (!ret && t->nr == before && dump)
		ret = add_dump(t, dump, seconds, err);
	free(dump);
	if (!ret && t->nr == before) {
		fprintf(err, "ncpolicy: %s: no DSDT or SSDT in it\n", dir);
		ret = -1;
	}
	return ret;
}

/**
 * nc_collect_tables() - the AML files to load from the inputs
 * @inputs: files and directories
 * @nr_inputs: their number
 * @t: zeroed; filled in; free with nc_tables_free()
 * @seconds: time limit for acpixtract
 * @err: where a refusal goes, one line naming the input and why
 *
 * Return: 0, or -1 after a message.
 */
int nc_collect_tables(char *const inputs[], int nr_inputs,
		      struct nc_tables *t, unsigned int seconds, FILE *err)
{
	struct stat st;
	int i;

	for (i = 0; i < nr_inputs; i++) {
		if (stat(inputs[i], &st)) {
			fprintf(err, "ncpolicy: %s: cannot open: %s\n", inputs[i],
				strerror(errno));
			return -1;
		}
		if (S_ISDIR(st.st_mode) ?
		    add_dir(t, inputs[i], false, seconds, err) :
		    add_file(t, inputs[i], false, false, NULL, seconds, err))
			return -1;
	}
	if (!t->nr) {
		fprintf(err, "ncpolicy: %s: no DSDT or SSDT in it\n",
			nr_inputs == 1 ? inputs[0] : "the input");
		return -1;
	}
	return 0;
}

/* Remove what acpixtract wrote: directories of files, nothing deeper. */
static void remove_tree(const char *dir, int depth)
{
	struct dirent *de;
	char path[4096];
	struct stat st;
	DIR *d;

	d = opendir(dir);
	if (d) {
		while ((de = readdir(d))) {
			if (!strcmp(de->d_name, ".") || !strcmp(de->d_name, ".."))
				continue;
			snprintf(path, sizeof(path), "%s/%s", dir, de->d_name);
			if (!lstat(path, &st) && S_ISDIR(st.st_mode) && depth < 2)
				remove_tree(path, depth + 1);
			else
				unlink(path);
		}
		closedir(d);
	}
	rmdir(dir);
}

void nc_tables_free(struct nc_tables *t)
{
	size_t i;

	for (i = 0; i < t->nr; i++)
		free(t->paths[i]);
	free(t->paths);
	if (t->workdir && *t->workdir)
		remove_tree(t->workdir, 0);
	free(t->workdir);
	memset(t, 0, sizeof(*t));
}
