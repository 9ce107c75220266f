// SPDX-License-Identifier: GPL-2.0
/*
 * Everything ncpolicy does with the bytes of a blob: validate them, scan
 * the tree, decide each host bridge with the shared rules and print the
 * result and the warnings the kernel would give. Kept apart from main() so
 * the fuzzers drive exactly this path.
 */
#include <stdbool.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "cmdline.h"
#include "fdt_scan.h"
#include "report.h"
#include "validate.h"

/* arm64's COMMAND_LINE_SIZE: the kernel keeps at most this minus one. */
#define KERNEL_CMDLINE_SIZE	2048

/* Text output: bytes outside printable ASCII as \xHH, one line per line. */
static void text_chars(FILE *out, const char *s, size_t len)
{
	size_t i, start = 0;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c >= 0x20 && c <= 0x7e)
			continue;
		fwrite(s + start, 1, i - start, out);
		fprintf(out, "\\x%02x", c);
		start = i + 1;
	}
	fwrite(s + start, 1, len - start, out);
}

static bool printable(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if ((unsigned char)s[i] < 0x20 || (unsigned char)s[i] > 0x7e)
			return false;
	return true;
}

/*
 * Length of the well-formed UTF-8 sequence at @s (at most @len bytes),
 * its code point in *@cp; 0 if the bytes there are not one (overlong
 * forms, surrogates and values past U+10FFFF are not).
 */
static size_t utf8_char(const unsigned char *s, size_t len, uint32_t *cp)
{
	static const uint32_t min[] = { 0, 0, 0x80, 0x800, 0x10000 };
	size_t n, i;
	uint32_t v;

	if (s[0] < 0x80) {
		*cp = s[0];
		return 1;
	}
	if (s[0] >= 0xc2 && s[0] <= 0xdf)
		n = 2, v = s[0] & 0x1f;
	else if (s[0] >= 0xe0 && s[0] <= 0xef)
		n = 3, v = s[0] & 0x0f;
	else if (s[0] >= 0xf0 && s[0] <= 0xf4)
		n = 4, v = s[0] & 0x07;
	else
		return 0;
	if (len < n)
		return 0;
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		v = v << 6 | (s[i] & 0x3f);
	}
	if (v < min[n] || v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff))
		return 0;
	*cp = v;
	return n;
}

/*
 * JSON string contents: UTF-8 decoded, every character outside printable
 * ASCII as \uXXXX (a surrogate pair above U+FFFF), so the string is the
 * name's text. A byte that is not part of well-formed UTF-8 has no
 * character to stand for: it is written as the four characters \xHH,
 * as the text output shows it.
 */
static void json_chars(FILE *out, const char *s, size_t len)
{
	const unsigned char *u = (const unsigned char *)s;
	uint32_t cp;
	size_t i = 0, n;

	while (i < len) {
		n = utf8_char(u + i, len - i, &cp);
		if (!n) {
			fprintf(out, "\\\\x%02x", u[i]);
			i++;
			continue;
		}
		i += n;
		if (cp == '"' || cp == '\\')
			fprintf(out, "\\%c", (char)cp);
		else if (cp >= 0x20 && cp <= 0x7e)
			fputc((int)cp, out);
		else if (cp < 0x10000)
			fprintf(out, "\\u%04x", (unsigned int)cp);
		else
			fprintf(out, "\\u%04x\\u%04x",
				(unsigned int)(0xd800 + ((cp - 0x10000) >> 10)),
				(unsigned int)(0xdc00 + ((cp - 0x10000) & 0x3ff)));
	}
}

/* Print "@s" or "@s:@arg" as one JSON string. */
static void json_string(FILE *out, const char *s, size_t len,
			const char *arg, size_t arg_len)
{
	fputc('"', out);
	json_chars(out, s, len);
	if (arg) {
		fputc(':', out);
		json_chars(out, arg, arg_len);
	}
	fputc('"', out);
}

/*
 * The command line the kernel would see from this blob: /chosen/bootargs
 * (@chosen its node, as the scan found it) up to its first NUL, cut as
 * early_init_dt_scan_chosen() cuts it. NULL if there is none. Caller
 * frees.
 */
static char *blob_bootargs(const void *fdt, int chosen)
{
	const char *p;
	size_t n;
	int len;

	if (chosen < 0)
		return NULL;
	p = fdt_getprop(fdt, chosen, "bootargs", &len);
	if (!p || len <= 0)
		return NULL;
	n = (size_t)len < KERNEL_CMDLINE_SIZE ? (size_t)len : KERNEL_CMDLINE_SIZE;
	return strndup(p, n - 1);
}

/**
 * nc_print_check() - print the --check problems of a scan
 * @scan: the scan
 * @out: where they go, one line each
 *
 * Return: the exit status: problems found or not.
 */
int nc_print_check(const struct nc_scan *scan, FILE *out)
{
	size_t i;

	for (i = 0; i < scan->nr_problems; i++) {
		text_chars(out, scan->problems[i], strlen(scan->problems[i]));
		fputc('\n', out);
	}
	return scan->nr_problems ? NC_EXIT_PROBLEMS : NC_EXIT_OK;
}

/*
 * Was the node deciding @b by its normal-nc-mmio already named for an
 * earlier bridge (@bridges before @b) that it decided, so warned about?
 */
static bool fw_node_seen(const struct nc_bridge *bridges,
			 const struct nc_bridge *b)
{
	const struct nc_bridge *p;

	for (p = bridges; p < b; p++)
		if (!p->quirk && p->fw_len == b->fw_len &&
		    !memcmp(p->path, b->path, b->fw_len))
			return true;
	return false;
}

/*
 * Decide one bridge with the shared rules, print its line, and warn as
 * the kernel does when it registers the bridge: an invalid normal_nc_mmio=
 * once, before the first bridge; an invalid property value when rule 3
 * decided with it, once per node that holds it (a bad value on / is one
 * mistake, however many bridges it decides).
 *
 * Return: true if a matching quirk would have decided otherwise.
 */
static bool print_bridge(const struct nc_options *opt,
			 struct nc_mmio_facts *facts,
			 const struct nc_bridge *bridges, size_t index,
			 FILE *out, FILE *err)
{
	const struct nc_bridge *b = &bridges[index];
	struct nc_mmio_decision d;
	const char *verdict, *src, *arg = NULL;
	size_t arg_len = 0;

	facts->quirk = b->quirk;
	facts->firmware = b->firmware;
	nc_mmio_decide(facts, &d);
	verdict = nc_mmio_verdict_name(d.verdict);
	src = nc_mmio_source_name(d.source);
	if (d.source == NC_MMIO_SRC_QUIRK) {
		arg = d.quirk->name;
		arg_len = strlen(arg);
	} else if (d.source == NC_MMIO_SRC_FIRMWARE) {
		/* The deciding node is the bridge or an ancestor: a prefix. */
		arg = b->path;
		arg_len = b->fw_len;
	}

	if (!index && facts->param == NC_MMIO_VALUE_INVALID)
		fprintf(err, "ncpolicy: warning: %s=: invalid value (want safe, unsafe or firmware); every host bridge resolves to unsafe\n",
			NC_MMIO_PARAM);
	if (d.source == NC_MMIO_SRC_FIRMWARE &&
	    facts->firmware == NC_MMIO_VALUE_INVALID &&
	    !fw_node_seen(bridges, b)) {
		fputs("ncpolicy: warning: ", err);
		text_chars(err, b->path, b->fw_len);
		fprintf(err, ": %s: invalid value (want \"safe\" or \"unsafe\"), resolving to unsafe\n",
			NC_MMIO_PROP);
	}

	if (!opt->json && printable(b->path, b->path_len)) {
		/* The usual case in one call: the source's path is a prefix. */
		fprintf(out, "%s %s %s%s%.*s\n", b->path, verdict, src,
			arg ? ":" : "", (int)arg_len, arg ? arg : "");
	} else if (!opt->json) {
		text_chars(out, b->path, b->path_len);
		fprintf(out, " %s %s", verdict, src);
		if (arg) {
			fputc(':', out);
			text_chars(out, arg, arg_len);
		}
		fputc('\n', out);
	} else {
		fprintf(out, "%s\n  {\"path\": ", index ? "," : "");
		json_string(out, b->path, b->path_len, NULL, 0);
		fprintf(out, ", \"verdict\": \"%s\", \"source\": ", verdict);
		json_string(out, src, strlen(src), arg, arg_len);
		if (b->json_extra)
			fprintf(out, ", %s", b->json_extra);
		fputs("}", out);
	}
	return d.source == NC_MMIO_SRC_FIRMWARE ||
	       d.source == NC_MMIO_SRC_DEFAULT;
}

/**
 * nc_report_scan() - decide and print every bridge of a scan
 * @scan: what a scan found (a DT blob's or ACPI tables')
 * @cmdline: the kernel command line to resolve with, or NULL for none
 * @opt: options
 * @out: where results go
 * @err: where warnings go
 * @quirk_could_decide: set to the number of bridges that a quirk, had it
 *	matched, would have decided otherwise (those decided by firmware or
 *	by the default), for the ACPI path's note on PCI-ID quirks
 *
 * Every bridge of both paths goes through this one nc_mmio_decide()
 * call, as in the kernel.
 *
 * Return: the process exit status.
 */
int nc_report_scan(const struct nc_scan *scan, const char *cmdline,
		   const struct nc_options *opt, FILE *out, FILE *err,
		   size_t *quirk_could_decide)
{
	struct nc_cmdline_param param = { 0 };
	struct nc_mmio_facts facts = { 0 };
	size_t i;

	*quirk_could_decide = 0;
	if (cmdline && nc_cmdline_find(cmdline, &param)) {
		fprintf(err, "ncpolicy: out of memory\n");
		return NC_EXIT_USAGE;
	}
	facts.param = param.value;
	facts.soc_quirk = nc_mmio_quirk_by_soc_id(&opt->soc);
	facts.default_safe = opt->default_safe;

	if (opt->json)
		fputs("[", out);
	for (i = 0; i < scan->nr_bridges; i++)
		if (print_bridge(opt, &facts, scan->bridges, i, out, err))
			(*quirk_could_decide)++;
	if (opt->json)
		fputs(scan->nr_bridges ? "\n]\n" : "]\n", out);
	nc_cmdline_param_free(&param);
	return NC_EXIT_OK;
}

/**
 * nc_report() - validate, resolve and print one blob
 * @blob: the bytes
 * @size: their number
 * @opt: options
 * @out: where results go
 * @err: where warnings and errors go
 *
 * Return: the process exit status.
 */
int nc_report(const void *blob, size_t size, const struct nc_options *opt,
	      FILE *out, FILE *err)
{
	struct nc_scan scan = { 0 };
	char *bootargs = NULL;
	const char *cmdline;
	size_t unused;
	int ret = NC_EXIT_OK;

	if (nc_validate_blob(blob, size, opt->name, err))
		return NC_EXIT_USAGE;
	if (nc_scan_fdt(blob, &scan)) {
		fprintf(err, "ncpolicy: %s: cannot walk the tree: out of memory or corrupt blob\n",
			opt->name);
		ret = NC_EXIT_USAGE;
		goto out;
	}
	if (scan.overlay) {
		fprintf(err, "ncpolicy: %s: a device tree overlay, not a board's tree: apply it to its base tree with fdtoverlay first\n",
			opt->name);
		ret = NC_EXIT_USAGE;
		goto out;
	}
	if (opt->check) {
		ret = nc_print_check(&scan, out);
		goto out;
	}

	cmdline = opt->cmdline;
	if (!cmdline && !opt->running)
		cmdline = bootargs = blob_bootargs(blob, scan.chosen);
	ret = nc_report_scan(&scan, cmdline, opt, out, err, &unused);
	if (ret)
		goto out;
	if (!scan.nr_bridges)
		fprintf(err, "ncpolicy: %s: no enabled PCI host bridge (a node with device_type \"pci\" and no such ancestor, status okay); nothing to decide\n",
			opt->name);
out:
	free(bootargs);
	nc_scan_free(&scan);
	return ret;
}
