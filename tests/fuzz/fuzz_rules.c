// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness for the shared rules (normal_nc_mmio_rules.c) and the
 * kernel-parameter reader on arbitrary bytes. Beyond "no crash", it checks
 * the safety invariant: the answer is safe only when a rule that says
 * safe is the first rule that applies.
 */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "cmdline.h"
#include "normal_nc_mmio_rules.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static void check_value(const uint8_t *data, size_t size)
{
	enum nc_mmio_value v;
	void *copy = malloc(size ? size : 1);

	if (!copy)
		return;
	memcpy(copy, data, size);
	v = nc_mmio_parse_value(copy, size);
	if (v == NC_MMIO_VALUE_SAFE &&
	    (size != 5 || memcmp(copy, "safe", 5)))
		abort();
	if (v == NC_MMIO_VALUE_UNSAFE &&
	    (size != 7 || memcmp(copy, "unsafe", 7)))
		abort();
	if (v == NC_MMIO_VALUE_ABSENT)
		abort();
	free(copy);
}

static void check_strings(const uint8_t *data, size_t size)
{
	struct nc_cmdline_param p;
	enum nc_mmio_value v;
	u16 vendor, device;
	char *s = malloc(size + 1);

	if (!s)
		return;
	memcpy(s, data, size);
	s[size] = '\0';

	v = nc_mmio_parse_param(s);
	if (v == NC_MMIO_VALUE_SAFE && strcmp(s, "safe"))
		abort();
	if (nc_mmio_parse_pci_compatible(s, &vendor, &device) &&
	    nc_mmio_quirk_by_pci_id(vendor, device) &&
	    strcmp(s, "pci1def,e100"))
		abort();
	nc_mmio_quirk_by_compatible(s);

	if (!nc_cmdline_find(s, &p)) {
		if (p.value == NC_MMIO_VALUE_SAFE &&
		    (!p.text || strcmp(p.text, "safe")))
			abort();
		nc_cmdline_param_free(&p);
	}
	free(s);
}

static void check_decide(uint8_t b)
{
	struct nc_mmio_facts f = {
		.param = (enum nc_mmio_value)(b & 3),
		.quirk = (b & 4) ? nc_mmio_quirk_by_pci_id(0x1def, 0xe100) : NULL,
		.firmware = (enum nc_mmio_value)((b >> 3) & 3),
		.default_safe = b & 0x20,
	};
	struct nc_mmio_decision d;
	bool safe_expected;

	nc_mmio_decide(&f, &d);
	if (f.param != NC_MMIO_VALUE_ABSENT)
		safe_expected = f.param == NC_MMIO_VALUE_SAFE;
	else if (f.quirk)
		safe_expected = false;
	else if (f.firmware != NC_MMIO_VALUE_ABSENT)
		safe_expected = f.firmware == NC_MMIO_VALUE_SAFE;
	else
		safe_expected = f.default_safe;
	if ((d.verdict == NC_MMIO_SAFE) != safe_expected)
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check_value(data, size);
	check_strings(data, size);
	if (size)
		check_decide(data[0]);
	return 0;
}
