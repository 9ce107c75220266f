// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness over what ncpolicy --acpi reads itself: acpiexec's
 * output (the namespace listing, the evaluated objects, the "resources"
 * text of the windows), the resolution and --check and JSON output from
 * it, and the table-header check of input files. ACPICA reads the AML;
 * this covers the code that reads ACPICA.
 *
 * Input layout: byte 0 selects options (bit 0 --json, bit 1 --check,
 * bit 2 --default unsafe, bit 3 the command line "normal_nc_mmio=unsafe");
 * the rest is acpiexec's output for NC_ACPIEXEC_BATCH, then, after the
 * first NUL byte if there is one, its output for the "resources"
 * commands. The whole input is also classified as a table file.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acpi_report.h"
#include "acpi_tables.h"

static FILE *sink;

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct nc_options opt = { .name = "fuzz", .default_safe = 1,
				  .soc = { -1, -1 } };
	const uint8_t *nul;
	char *text, *windows = NULL, why[128];
	size_t len, wlen = 0;
	uint8_t flags;
	int ret;

	if (!sink)
		sink = fopen("/dev/null", "w");
	/* An exact-size copy, so ASan sees any read past the end. */
	text = malloc(size ? size : 1);
	if (!text)
		return 0;
	memcpy(text, data, size);
	(void)nc_table_kind((const unsigned char *)text, size, why, sizeof(why));
	free(text);
	if (size < 1)
		return 0;
	flags = data[0];
	data++, size--;
	opt.json = flags & 1;
	opt.check = !!(flags & 2);
	opt.default_safe = !(flags & 4);
	if (flags & 8)
		opt.cmdline = "normal_nc_mmio=unsafe";

	nul = memchr(data, '\0', size);
	len = nul ? (size_t)(nul - data) : size;
	text = malloc(len ? len : 1);
	if (!text)
		return 0;
	memcpy(text, data, len);
	if (nul) {
		wlen = size - len - 1;
		windows = malloc(wlen + 1);
		if (!windows) {
			free(text);
			return 0;
		}
		memcpy(windows, nul + 1, wlen);
		windows[wlen] = '\0';	/* the runner NUL-terminates output */
	}
	ret = nc_report_acpiexec(text, len, windows, wlen, &opt, sink, sink);
	free(text);
	free(windows);
	if (ret != 0 && ret != 1 && ret != 2)
		abort();
	if (ret == 1 && !opt.check)
		abort();
	return 0;
}
