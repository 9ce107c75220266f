// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness over ncpolicy's whole path: blob validation, tree
 * walk, property parsing, resolution, --check and JSON output.
 *
 * Input layout: byte 0 selects options (bit 0 --json, bit 1 --check,
 * bit 2 --default unsafe, bit 3 a command line follows, bit 4 a SoC ID
 * follows); with bit 3, byte 1 is the command line's length N and N bytes
 * of it follow; then with bit 4, 8 bytes: SoC_ID_version and
 * SoC_ID_revision, as --soc-id gives them. The rest is the blob.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report.h"

static FILE *sink;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nc_options opt = { .name = "fuzz", .default_safe = 1,
				  .soc = { -1, -1 } };
	char cmdline[256];
	void *blob;
	uint8_t flags;
	size_t n;
	int ret;

	if (!sink)
		sink = fopen("/dev/null", "w");
	if (size < 1)
		return 0;
	flags = data[0];
	data++, size--;
	opt.json = flags & 1;
	opt.check = !!(flags & 2);
	opt.default_safe = !(flags & 4);
	if (flags & 8) {
		if (size < 1)
			return 0;
		n = data[0];
		data++, size--;
		if (n > size)
			n = size;
		memcpy(cmdline, data, n);
		cmdline[n] = '\0';
		opt.cmdline = cmdline;
		data += n, size -= n;
	}
	if (flags & 16) {
		if (size < 8)
			return 0;
		memcpy(&opt.soc.version, data, 4);
		memcpy(&opt.soc.revision, data + 4, 4);
		data += 8, size -= 8;
	}

	/* An exact-size copy, so ASan sees any read past the blob. */
	blob = malloc(size ? size : 1);
	if (!blob)
		return 0;
	memcpy(blob, data, size);
	ret = nc_report(blob, size, &opt, sink, sink);
	free(blob);
	if (ret != 0 && ret != 1 && ret != 2)
		abort();
	if (ret == 1 && !opt.check)
		abort();
	return 0;
}
