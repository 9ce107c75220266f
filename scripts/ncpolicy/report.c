// SPDX-License-Identifier: GPL-2.0
/*
 * Everything ncpolicy does with the bytes of a blob: validate them with
 * libfdt, scan the tree, decide each host bridge with the shared rules and
 * print the result. Kept apart from main() so the fuzzers drive exactly
 * this path.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "cmdline.h"
#include "fdt_scan.h"
#include "report.h"

static void json_chars(FILE *out, const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)s[i];

		if (c == '"' || c == '\\')
			fprintf(out, "\\%c", c);
		else if (c < 0x20 || c >= 0x7f)
			fprintf(out, "\\u%04x", c);
		else
			fputc(c, out);
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

/* libfdt's error codes, in words a board vendor can act on. */
static const char *blob_error(int err)
{
	switch (-err) {
	case FDT_ERR_BADMAGIC:
		return "bad magic number";
	case FDT_ERR_BADVERSION:
		return "unsupported version";
	case FDT_ERR_TRUNCATED:
		return "truncated: a block or a string runs past the end";
	case FDT_ERR_BADSTRUCTURE:
		return "corrupt structure block";
	case FDT_ERR_BADOFFSET:
		return "offset out of range";
	case FDT_ERR_BADLAYOUT:
		return "blocks in an unusable order";
	case FDT_ERR_BADSTATE:
		return "incomplete sequential-write tree";
	default:
		return "malformed";
	}
}

/*
 * libfdt 1.6.1's fdt_next_tag() does not detect a property length that
 * wraps the offset back onto the same tag (e.g. 0xfffffff4), and
 * fdt_check_full() then loops forever (found by tests/fuzz; libfdt 1.7
 * checks for the overflow). Before handing the blob to libfdt, step over
 * the tags once and require every property to fit in what is left of the
 * blob. Only lengths are checked here; fdt_check_full() checks the rest.
 * This runs on every blob, so it reads the block directly rather than
 * through fdt_next_tag(), which costs a bounds check per name byte.
 */
static int tags_advance(const void *fdt)
{
	const char *blk = (const char *)fdt + fdt_off_dt_struct(fdt), *nul;
	size_t off = 0, size;
	uint32_t len;

	if (fdt_off_dt_struct(fdt) > fdt_totalsize(fdt))
		return -FDT_ERR_TRUNCATED;
	size = fdt_totalsize(fdt) - fdt_off_dt_struct(fdt);
	/* Offsets are relative to the block and tags 4-byte aligned in it. */
	while (off <= size && size - off >= FDT_TAGSIZE) {
		switch (fdt32_ld((const fdt32_t *)(blk + off))) {
		case FDT_BEGIN_NODE:
			off += FDT_TAGSIZE;
			nul = memchr(blk + off, '\0', size - off);
			if (!nul)
				return -FDT_ERR_TRUNCATED;
			off = (size_t)(nul - blk) + 1;
			break;
		case FDT_PROP:
			if (size - off < sizeof(struct fdt_property))
				return -FDT_ERR_TRUNCATED;
			len = fdt32_ld((const fdt32_t *)(blk + off + FDT_TAGSIZE));
			off += sizeof(struct fdt_property);
			if (len > size - off)
				return -FDT_ERR_TRUNCATED;
			off += len;
			break;
		case FDT_END_NODE:
		case FDT_NOP:
			off += FDT_TAGSIZE;
			break;
		case FDT_END:
			return 0;
		default:
			return -FDT_ERR_BADSTRUCTURE;
		}
		off = (off + FDT_TAGSIZE - 1) & ~(size_t)(FDT_TAGSIZE - 1);
	}
	return -FDT_ERR_TRUNCATED;
}

/* Check the header and the whole structure block before trusting it. */
static int validate(const void *blob, size_t size, const char *name,
		    FILE *err)
{
	int ret;

	if (size < FDT_V1_SIZE) {
		fprintf(err, "ncpolicy: %s: not a device tree blob: %zu byte(s), shorter than a header\n",
			name, size);
		return -1;
	}
	if (size > INT32_MAX) {
		fprintf(err, "ncpolicy: %s: not a device tree blob: too large\n",
			name);
		return -1;
	}
	/*
	 * Versions before 16 store full paths as node names; libfdt 1.6.1's
	 * fdt_check_full() dereferences NULL on some of them (found by
	 * tests/fuzz). dtc and bootloaders write version 17: refuse the rest.
	 */
	if (fdt_magic(blob) == FDT_MAGIC && fdt_version(blob) < 16) {
		fprintf(err, "ncpolicy: %s: not a supported device tree blob: version %u is older than 16\n",
			name, fdt_version(blob));
		return -1;
	}
	ret = fdt_check_header(blob);
	if (!ret && fdt_totalsize(blob) > size)
		ret = -FDT_ERR_TRUNCATED;
	if (!ret)
		ret = tags_advance(blob);
	if (!ret)
		ret = fdt_check_full(blob, size);
	if (ret) {
		fprintf(err, "ncpolicy: %s: not a valid device tree blob: %s (%s)\n",
			name, blob_error(ret), fdt_strerror(ret));
		return -1;
	}
	return 0;
}

static int print_check(const struct nc_scan *scan, FILE *out)
{
	size_t i;

	for (i = 0; i < scan->nr_problems; i++)
		fprintf(out, "%s\n", scan->problems[i]);
	return scan->nr_problems ? NC_EXIT_PROBLEMS : NC_EXIT_OK;
}

struct printer {
	const struct nc_options *opt;
	struct nc_mmio_facts facts;
	FILE *out;
	size_t count;
};

/* Decide one bridge with the shared rules and print the line. */
static int print_bridge(void *ctx, const struct nc_bridge *b)
{
	struct printer *pr = ctx;
	struct nc_mmio_decision d;
	const char *verdict, *src, *arg = NULL;
	size_t arg_len = 0;

	pr->facts.quirk = b->quirk;
	pr->facts.firmware = b->firmware;
	nc_mmio_decide(&pr->facts, &d);
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

	if (!pr->opt->json) {
		fprintf(pr->out, "%.*s %s %s%s%.*s\n", (int)b->path_len, b->path,
			verdict, src, arg ? ":" : "", (int)arg_len,
			arg ? arg : "");
	} else {
		fprintf(pr->out, "%s\n  {\"path\": ", pr->count ? "," : "");
		json_string(pr->out, b->path, b->path_len, NULL, 0);
		fprintf(pr->out, ", \"verdict\": \"%s\", \"source\": ", verdict);
		json_string(pr->out, src, strlen(src), arg, arg_len);
		fputs("}", pr->out);
	}
	pr->count++;
	return 0;
}

/* --check prints problems only; the bridges need no output. */
static int skip_bridge(void *ctx, const struct nc_bridge *b)
{
	(void)ctx;
	(void)b;
	return 0;
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
	struct nc_cmdline_param param = { 0 };
	struct printer pr = { .opt = opt, .out = out };
	struct nc_scan scan = { 0 };
	size_t i;
	int ret = NC_EXIT_OK;

	if (validate(blob, size, opt->name, err))
		return NC_EXIT_USAGE;

	if (opt->cmdline && !opt->check) {
		if (nc_cmdline_find(opt->cmdline, &param)) {
			fprintf(err, "ncpolicy: out of memory\n");
			return NC_EXIT_USAGE;
		}
		if (param.value == NC_MMIO_VALUE_INVALID)
			fprintf(err, "ncpolicy: warning: %s%s%s: invalid value, resolving to unsafe\n",
				NC_MMIO_PARAM, param.text ? "=" : "",
				param.text ? param.text : "");
	}
	pr.facts.param = param.value;
	pr.facts.default_safe = opt->default_safe;

	scan.bridge = opt->check ? skip_bridge : print_bridge;
	scan.ctx = &pr;
	if (opt->json && !opt->check)
		fputs("[", out);
	if (nc_scan_fdt(blob, &scan)) {
		fprintf(err, "ncpolicy: %s: cannot walk the tree: out of memory or corrupt blob\n",
			opt->name);
		ret = NC_EXIT_USAGE;
		goto out;
	}
	if (opt->json && !opt->check)
		fputs(pr.count ? "\n]\n" : "]\n", out);

	if (opt->check) {
		ret = print_check(&scan, out);
		goto out;
	}
	for (i = 0; i < scan.nr_warnings; i++)
		fprintf(err, "ncpolicy: warning: %s\n", scan.warnings[i]);
out:
	nc_cmdline_param_free(&param);
	nc_scan_free(&scan);
	return ret;
}
