// SPDX-License-Identifier: GPL-2.0
/*
 * ncpolicy --acpi: load the tables into ACPICA's acpiexec, which
 * interprets the AML as the kernel's ACPICA does, let it evaluate what
 * the rules need (NC_ACPIEXEC_BATCH), and decide each host bridge with
 * the same code as the DT path (nc_report_scan()).
 */
#define _GNU_SOURCE
#include <errno.h>
#include <inttypes.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#include "acpi_ns.h"
#include "acpi_report.h"
#include "acpi_scan.h"
#include "acpi_tables.h"
#include "acpi_windows.h"
#include "subprocess.h"

/* More output than any firmware's namespace gives. */
#define MAX_OUTPUT	((size_t)512 << 20)
/* acpiexec's own limit on an AML While loop, in seconds (-to). */
#define LOOP_SECONDS	"5"

static const char install_hint[] =
	"install ACPICA's tools (Debian and Ubuntu: acpica-tools; Fedora: acpica-tools)";

/* The time limit for each acpiexec run: NCPOLICY_ACPI_TIMEOUT or 120 s. */
static unsigned int time_limit(void)
{
	const char *s = getenv("NCPOLICY_ACPI_TIMEOUT");
	unsigned long v;
	char *end;

	if (s && *s) {
		v = strtoul(s, &end, 10);
		if (!*end && v > 0 && v < 86400)
			return (unsigned int)v;
	}
	return 120;
}

/* The last non-empty line of @r's output, for a message. */
static void last_line(const struct nc_run *r, char *buf, size_t size)
{
	size_t end = r->len, start;
	size_t i, o = 0;

	while (end && (r->out[end - 1] == '\n' || r->out[end - 1] == ' '))
		end--;
	start = end;
	while (start && r->out[start - 1] != '\n')
		start--;
	for (i = start; i < end && o + 5 < size; i++) {
		unsigned char c = (unsigned char)r->out[i];

		if (c >= 0x20 && c < 0x7f)
			buf[o++] = (char)c;
		else
			o += (size_t)snprintf(buf + o, size - o, "\\x%02x", c);
	}
	buf[o] = '\0';
}

/* Run acpiexec on the tables with batch commands @cmds. */
static int run_acpiexec(const struct nc_tables *t, const char *cmds,
			const char *label, struct nc_run *r, FILE *err)
{
	unsigned int seconds = time_limit();
	char **argv = calloc(t->nr + 6, sizeof(*argv));
	char why[256];
	size_t i;
	int ret;

	if (!argv) {
		fprintf(err, "ncpolicy: out of memory\n");
		return -1;
	}
	argv[0] = "acpiexec";
	argv[1] = "-to";
	argv[2] = LOOP_SECONDS;
	argv[3] = "-b";
	argv[4] = (char *)cmds;
	for (i = 0; i < t->nr; i++)
		argv[5 + i] = t->paths[i];
	ret = nc_run(argv, NULL, seconds, MAX_OUTPUT, r);
	free(argv);
	if (ret) {
		nc_run_free(r);
		if (r->missing)
			fprintf(err, "ncpolicy: %s: --acpi needs ACPICA's acpiexec, which is not installed: %s\n",
				label, install_hint);
		else
			fprintf(err, "ncpolicy: %s: cannot run acpiexec: %s\n",
				label, strerror(errno));
		return -1;
	}
	if (r->timed_out) {
		fprintf(err, "ncpolicy: %s: acpiexec did not finish within %u s (AML that never returns?)\n",
			label, seconds);
		goto fail;
	}
	if (r->signal || r->status) {
		last_line(r, why, sizeof(why));
		if (r->signal)
			fprintf(err, "ncpolicy: %s: acpiexec crashed (signal %d): %s\n",
				label, r->signal, why);
		else
			fprintf(err, "ncpolicy: %s: acpiexec failed (exit %d): %s\n",
				label, r->status, why);
		goto fail;
	}
	return 0;
fail:
	nc_run_free(r);
	return -1;
}

/* "\"segment\": S, \"bus\": B, \"windows\": [...]" for each bridge. */
static int add_json(struct nc_scan *scan, const struct nc_acpi_bridge *ab,
		    const char *windows, size_t windows_len)
{
	size_t i;
	char *w;
	int n;

	for (i = 0; i < scan->nr_bridges; i++) {
		w = nc_acpi_windows_json(windows ? windows : "", windows_len,
					 scan->bridges[i].path);
		if (!w)
			return -1;
		n = asprintf(&scan->bridges[i].json_extra,
			     "\"segment\": %" PRIu64 ", \"bus\": %" PRIu64 ", \"windows\": %s",
			     ab[i].segment, ab[i].bus, w);
		free(w);
		if (n < 0) {
			scan->bridges[i].json_extra = NULL;
			return -1;
		}
	}
	return 0;
}

/* Any PCI-ID entry in the quirk table? (The kernel's table has them.) */
static bool pci_id_quirks(void)
{
	/* 1def:e100, Ampere Altra's root complex, is in the shipped table. */
	return nc_mmio_quirk_by_pci_id(0x1def, 0xe100) != NULL;
}

/**
 * nc_report_acpiexec() - decide and print from acpiexec's output
 * @text: acpiexec's output for NC_ACPIEXEC_BATCH
 * @len: its length
 * @windows: its output for "resources" of each bridge (--json), or NULL
 * @windows_len: that output's length
 * @opt: options; @opt->name names the tables in messages
 * @out: where results go
 * @err: where warnings and errors go
 *
 * The part of --acpi that reads no file and runs nothing: the fuzzer
 * drives it with arbitrary text.
 *
 * Return: the process exit status.
 */
int nc_report_acpiexec(const char *text, size_t len, const char *windows,
		       size_t windows_len, const struct nc_options *opt,
		       FILE *out, FILE *err)
{
	struct nc_acpi_bridge *ab = NULL;
	struct nc_scan scan = { 0 };
	struct nc_ans ns;
	char *failure = NULL;
	const char *why;
	size_t could;
	int ret = NC_EXIT_USAGE, r;

	why = nc_parse_acpiexec(text, len, &ns);
	if (why) {
		fprintf(err, "ncpolicy: %s: cannot read acpiexec's output: %s\n",
			opt->name, why);
		goto out;
	}
	r = nc_scan_acpi(&ns, &scan, &ab, &failure);
	if (r == -2) {
		fprintf(err, "ncpolicy: %s: %s\n", opt->name, failure);
		goto out;
	}
	if (r || (opt->json && add_json(&scan, ab, windows, windows_len))) {
		fprintf(err, "ncpolicy: out of memory\n");
		goto out;
	}
	if (opt->check) {
		ret = nc_print_check(&scan, out);
		goto out;
	}
	ret = nc_report_scan(&scan, opt->cmdline, opt, out, err, &could);
	if (ret)
		goto out;
	if (!scan.nr_bridges)
		fprintf(err, "ncpolicy: %s: no present PCI host bridge (a device with _HID or _CID PNP0A03); nothing to decide\n",
			opt->name);
	else if (could && pci_id_quirks())
		fprintf(err, "ncpolicy: note: PCI-ID quirks (such as ampere-altra-82288) match devices that the kernel finds when it scans the bus, which tables do not list: at boot such a device makes its host bridge unsafe (quirk:NAME)\n");
out:
	free(failure);
	free(ab);
	nc_scan_free(&scan);
	nc_ans_free(&ns);
	return ret;
}

/* "resources PATH;..." for every host bridge acpiexec's output names. */
static char *resources_cmds(const char *text, size_t len)
{
	struct nc_acpi_bridge *ab = NULL;
	struct nc_scan scan = { 0 };
	char *cmds = NULL, *failure = NULL, *p;
	size_t i, n = 1;
	struct nc_ans ns;

	if (nc_parse_acpiexec(text, len, &ns) ||
	    nc_scan_acpi(&ns, &scan, &ab, &failure))
		goto out;
	for (i = 0; i < scan.nr_bridges; i++)
		n += scan.bridges[i].path_len + 11;
	cmds = malloc(n);
	if (!cmds)
		goto out;
	p = cmds;
	*p = '\0';
	for (i = 0; i < scan.nr_bridges; i++)
		p += sprintf(p, "%sresources %s", i ? ";" : "",
			     scan.bridges[i].path);
out:
	free(failure);
	free(ab);
	nc_scan_free(&scan);
	nc_ans_free(&ns);
	return cmds;
}

/**
 * nc_report_acpi() - ncpolicy --acpi on files, directories or the system
 * @inputs: what the user named; none for SYS_ACPI_TABLES
 * @nr_inputs: their number
 * @opt: options
 * @out: where results go
 * @err: where warnings and errors go
 *
 * Return: the process exit status.
 */
int nc_report_acpi(char *const inputs[], int nr_inputs,
		   const struct nc_options *opt, FILE *out, FILE *err)
{
	static char *const system[] = { SYS_ACPI_TABLES };
	struct nc_options o = *opt;
	struct nc_tables t = { 0 };
	struct nc_run r = { 0 }, w = { 0 };
	char *label = NULL, *cmds = NULL;
	size_t n = 1;
	int i, ret = NC_EXIT_USAGE;

	if (!nr_inputs) {
		inputs = system;
		nr_inputs = 1;
	}
	for (i = 0; i < nr_inputs; i++)
		n += strlen(inputs[i]) + 1;
	label = malloc(n);
	if (!label) {
		fprintf(err, "ncpolicy: out of memory\n");
		return NC_EXIT_USAGE;
	}
	label[0] = '\0';
	for (i = 0; i < nr_inputs; i++) {
		if (i)
			strcat(label, " ");
		strcat(label, inputs[i]);
	}
	o.name = label;

	if (nc_collect_tables(inputs, nr_inputs, &t, time_limit(), err))
		goto out;
	if (run_acpiexec(&t, NC_ACPIEXEC_BATCH, label, &r, err))
		goto out;
	if (opt->json && !opt->check) {
		cmds = resources_cmds(r.out, r.len);
		if (cmds && *cmds && run_acpiexec(&t, cmds, label, &w, err))
			goto out;
	}
	ret = nc_report_acpiexec(r.out, r.len, w.out, w.len, &o, out, err);
out:
	nc_run_free(&r);
	nc_run_free(&w);
	free(cmds);
	free(label);
	nc_tables_free(&t);
	return ret;
}
