// SPDX-License-Identifier: GPL-2.0
/*
 * ncpolicy - apply the normal-nc-mmio rules to a device tree blob or to
 * ACPI tables (--acpi)
 *
 * Prints, per PCI host bridge, whether the kernel will allow Normal-NC
 * (write-combining) mappings of device memory behind it and which rule
 * decided; or, with --check, lints the use of the property.
 */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acpi_report.h"
#include "report.h"
#include "soc_id.h"

#define SYS_FDT		"/sys/firmware/fdt"
#define PROC_CMDLINE	"/proc/cmdline"
#define NCPOLICY_VERSION "1.1"
/* A blob's totalsize is 32 bits; refuse to slurp anything bigger. */
#define MAX_BLOB	((size_t)1 << 31)

static const char usage_text[] =
"usage: ncpolicy [--cmdline STRING] [--default safe|unsafe]\n"
"                [--soc-id BANKID:SOCID[:REV]] [--json] [--check] [FILE]\n"
"       ncpolicy --acpi [same options] [FILE|DIR]...\n"
"\n"
"Resolve the normal-nc-mmio policy of every PCI host bridge in a flattened\n"
"device tree FILE (default " SYS_FDT ", - for standard input) and print\n"
"one line per bridge: PATH VERDICT SOURCE.\n"
"\n"
"  --acpi             read ACPI tables instead, evaluated by ACPICA's\n"
"                     acpiexec (package acpica-tools): DSDT/SSDT files\n"
"                     (.dat, .aml), acpidump text, directories of them\n"
"                     (default " SYS_ACPI_TABLES "); one line per\n"
"                     PNP0A03 (PCI host bridge) device, PATH its\n"
"                     namespace path\n"
"  --cmdline STRING   resolve as if STRING were the kernel command line\n"
"                     (default: " PROC_CMDLINE " with no FILE, else the\n"
"                     blob's /chosen/bootargs; ACPI tables carry none)\n"
"  --default VALUE    the build-time default (rule 4): safe or unsafe\n"
"  --soc-id BANKID:SOCID[:REV]\n"
"                     resolve as on the SoC with this SMCCC SoC ID, in hex\n"
"                     as Linux shows it in /sys/devices/soc0/soc_id\n"
"                     (jep106:BANKID:SOCID) and revision, e.g. 036b:0410:4;\n"
"                     without REV the revision is unknown\n"
"  --json             print a JSON array of {path, verdict, source}; with\n"
"                     --acpi also segment, bus and the _CRS memory windows\n"
"  --check            report misuses of the property instead; exit 1 if any\n"
"                     (--json does not apply to --check)\n"
"  -h, --help         show this help\n"
"      --version      show the version\n"
"\n"
"Exit status: 0 done, 1 --check found problems, 2 bad usage or bad blob\n"
"(or tables that cannot be loaded or evaluated).\n";

/* Long-only options: values no short option character can collide with. */
enum { OPT_CMDLINE = 256, OPT_DEFAULT, OPT_SOC_ID, OPT_JSON, OPT_CHECK,
       OPT_VERSION, OPT_ACPI };

static __attribute__((format(printf, 1, 2)))
int usage_error(const char *fmt, ...)
{
	va_list ap;

	fputs("ncpolicy: ", stderr);
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputs("\nTry 'ncpolicy --help' for more information.\n", stderr);
	return 2;
}

/* The running kernel's command line, without its trailing newline. */
static char *read_proc_cmdline(void)
{
	char *line = NULL;
	size_t cap = 0;
	ssize_t n;
	FILE *f;

	f = fopen(PROC_CMDLINE, "r");
	if (!f) {
		fprintf(stderr, "ncpolicy: %s: cannot open: %s\n", PROC_CMDLINE,
			strerror(errno));
		return NULL;
	}
	n = getline(&line, &cap, f);
	fclose(f);
	if (n < 0) {
		free(line);
		line = strdup("");	/* an empty file is an empty line */
	} else if (n > 0 && line[n - 1] == '\n') {
		line[n - 1] = '\0';
	}
	if (!line)
		fprintf(stderr, "ncpolicy: out of memory\n");
	return line;
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
		{ "cmdline", required_argument, NULL, OPT_CMDLINE },
		{ "default", required_argument, NULL, OPT_DEFAULT },
		{ "soc-id", required_argument, NULL, OPT_SOC_ID },
		{ "json", no_argument, NULL, OPT_JSON },
		{ "check", no_argument, NULL, OPT_CHECK },
		{ "acpi", no_argument, NULL, OPT_ACPI },
		{ "help", no_argument, NULL, 'h' },
		{ "version", no_argument, NULL, OPT_VERSION },
		{ NULL, 0, NULL, 0 },
	};
	struct nc_options opt = { .default_safe = 1, .soc = NC_SOC_ID_NONE };
	const char *path = SYS_FDT, *why;
	char *proc_cmdline = NULL;
	size_t size;
	void *blob;
	int c, ret, acpi = 0;

	opterr = 0;
	while ((c = getopt_long(argc, argv, ":h", longopts, NULL)) != -1) {
		switch (c) {
		case OPT_CMDLINE:
			opt.cmdline = optarg;
			break;
		case OPT_DEFAULT:
			if (!strcmp(optarg, "safe"))
				opt.default_safe = 1;
			else if (!strcmp(optarg, "unsafe"))
				opt.default_safe = 0;
			else
				return usage_error("--default: '%s' is not safe or unsafe",
						   optarg);
			break;
		case OPT_SOC_ID:
			why = nc_parse_soc_id(optarg, &opt.soc);
			if (why)
				return usage_error("--soc-id: '%s': %s", optarg,
						   why);
			break;
		case OPT_JSON:
			opt.json = 1;
			break;
		case OPT_CHECK:
			opt.check = 1;
			break;
		case OPT_ACPI:
			acpi = 1;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return 0;
		case OPT_VERSION:
			printf("ncpolicy %s\n", NCPOLICY_VERSION);
			return 0;
		case ':':
			/* Only long options take arguments. */
			return usage_error("option '%s' requires an argument",
					   argv[optind - 1]);
		default:
			/*
			 * optopt names an unknown short option, which may sit
			 * in a group such as -hx; for a long option it is 0
			 * or ours, and the word itself is the one to name.
			 */
			if (optopt > 0 && optopt < OPT_CMDLINE)
				return usage_error("bad option '-%c'", optopt);
			return usage_error("bad option '%s'", argv[optind - 1]);
		}
	}
	if (argc - optind > 1 && !acpi)
		return usage_error("one FILE at most, got also '%s'",
				   argv[optind + 1]);
	if (optind < argc) {
		path = argv[optind];
	} else {
		/* The running system: the kernel saw /proc/cmdline. */
		opt.running = 1;
		if (!opt.cmdline && !opt.check) {
			proc_cmdline = read_proc_cmdline();
			if (!proc_cmdline)
				return 2;
			opt.cmdline = proc_cmdline;
		}
	}

	if (acpi) {
		ret = nc_report_acpi(argv + optind, argc - optind, &opt, stdout,
				     stderr);
		free(proc_cmdline);
		goto flush;
	}
	opt.name = path;
	blob = read_blob(path, &size);
	if (!blob) {
		free(proc_cmdline);
		return 2;
	}
	ret = nc_report(blob, size, &opt, stdout, stderr);
	free(blob);
	free(proc_cmdline);
flush:
	if (fflush(stdout) || ferror(stdout)) {
		fprintf(stderr, "ncpolicy: error writing output\n");
		return 2;
	}
	return ret;
}
