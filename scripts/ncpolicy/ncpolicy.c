// SPDX-License-Identifier: GPL-2.0
/*
 * ncpolicy - apply the normal-nc-mmio rules to a device tree blob
 *
 * Prints, per PCI host bridge, whether the kernel will allow Normal-NC
 * (write-combining) mappings of device memory behind it and which rule
 * decided; or, with --check, lints the use of the property.
 */
#include <errno.h>
#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

#define SYS_FDT		"/sys/firmware/fdt"
/* A blob's totalsize is 32 bits; refuse to slurp anything bigger. */
#define MAX_BLOB	((size_t)1 << 31)

static const char usage_text[] =
"usage: ncpolicy [--cmdline STRING] [--default safe|unsafe] [--json] [--check] [FILE]\n"
"\n"
"Resolve the normal-nc-mmio policy of every PCI host bridge in a flattened\n"
"device tree FILE (default " SYS_FDT ", - for standard input) and print\n"
"one line per bridge: PATH VERDICT SOURCE.\n"
"\n"
"  --cmdline STRING   resolve as if STRING were the kernel command line\n"
"  --default VALUE    the build-time default (rule 4): safe or unsafe\n"
"  --json             print a JSON array of {path, verdict, source}\n"
"  --check            report misuses of the property instead; exit 1 if any\n"
"                     (--json does not apply to --check)\n"
"  -h, --help         show this help\n"
"\n"
"Exit status: 0 done, 1 --check found problems, 2 bad usage or bad blob.\n";

static int usage_error(const char *fmt, const char *arg)
{
	fprintf(stderr, "ncpolicy: ");
	fprintf(stderr, fmt, arg);
	fprintf(stderr, "\nTry 'ncpolicy --help' for more information.\n");
	return 2;
}

static void *read_blob(const char *path, size_t *size)
{
	size_t cap = 65536, n = 0, got;
	char *buf = NULL, *p;
	FILE *f;

	f = strcmp(path, "-") ? fopen(path, "rb") : stdin;
	if (!f) {
		fprintf(stderr, "ncpolicy: %s: cannot open: %s\n", path,
			strerror(errno));
		return NULL;
	}
	for (;;) {
		p = realloc(buf, cap);
		if (!p) {
			fprintf(stderr, "ncpolicy: %s: out of memory\n", path);
			goto fail;
		}
		buf = p;
		got = fread(buf + n, 1, cap - n, f);
		n += got;
		if (n < cap)
			break;
		if (cap >= MAX_BLOB) {
			fprintf(stderr, "ncpolicy: %s: not a device tree blob: larger than 2 GiB\n",
				path);
			goto fail;
		}
		cap *= 2;
	}
	if (ferror(f)) {
		fprintf(stderr, "ncpolicy: %s: cannot read: %s\n", path,
			strerror(errno));
		goto fail;
	}
	if (f != stdin)
		fclose(f);
	*size = n;
	return buf;
fail:
	free(buf);
	if (f != stdin)
		fclose(f);
	return NULL;
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "cmdline", required_argument, NULL, 'c' },
		{ "default", required_argument, NULL, 'd' },
		{ "json", no_argument, NULL, 'j' },
		{ "check", no_argument, NULL, 'k' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct nc_options opt = { .default_safe = 1 };
	const char *path = SYS_FDT;
	size_t size;
	void *blob;
	int c, ret;

	opterr = 0;
	while ((c = getopt_long(argc, argv, "h", longopts, NULL)) != -1) {
		switch (c) {
		case 'c':
			opt.cmdline = optarg;
			break;
		case 'd':
			if (!strcmp(optarg, "safe"))
				opt.default_safe = 1;
			else if (!strcmp(optarg, "unsafe"))
				opt.default_safe = 0;
			else
				return usage_error("--default: '%s' is not safe or unsafe",
						   optarg);
			break;
		case 'j':
			opt.json = 1;
			break;
		case 'k':
			opt.check = 1;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return 0;
		default:
			return usage_error("bad option '%s'", argv[optind - 1]);
		}
	}
	if (argc - optind > 1)
		return usage_error("one FILE at most, got also '%s'",
				   argv[optind + 1]);
	if (optind < argc)
		path = argv[optind];

	opt.name = path;
	blob = read_blob(path, &size);
	if (!blob)
		return 2;
	ret = nc_report(blob, size, &opt, stdout, stderr);
	free(blob);
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "ncpolicy: error writing output\n");
		return 2;
	}
	return ret;
}
