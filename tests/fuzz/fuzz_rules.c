// SPDX-License-Identifier: GPL-2.0
/*
 * libFuzzer harness for the shared rules (normal_nc_mmio_rules.c) and the
 * kernel-parameter reader on arbitrary bytes. Beyond "no crash", every
 * answer is checked against what SPEC.md states, written here as tables:
 * the resolution order as a table of cases, the values that are valid,
 * and the PCI IDs the shipped quirk names.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cmdline.h"
#include "normal_nc_mmio_rules.h"
#include "soc_id.h"

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

/* SPEC, rule 2: every Ampere Altra PCIe root complex and root port. */
static const char *const spec_altra[] = {
	"pci1def,e100", "pci1def,e101", "pci1def,e102", "pci1def,e103",
	"pci1def,e104", "pci1def,e105", "pci1def,e106", "pci1def,e107",
	"pci1def,e108", "pci1def,e110", "pci1def,e111", "pci1def,e112",
	"pci1def,e113", "pci1def,e114", "pci1def,e115", "pci1def,e116",
	"pci1def,e117", "pci1def,e118",
};

static bool spec_is_altra(const char *s)
{
	size_t i;

	for (i = 0; i < sizeof(spec_altra) / sizeof(spec_altra[0]); i++)
		if (!strcmp(s, spec_altra[i]))
			return true;
	return false;
}

/*
 * SPEC, rule 2, and the evidence: the one shipped SoC-ID entry is
 * NVIDIA T410 (SoC_ID_version 0x036b0410) below revision 5, an unknown
 * (negative) revision included; no SoC ID (negative version) matches
 * nothing.
 */
static void check_soc_id(const struct nc_mmio_soc_id *soc)
{
	const struct nc_mmio_quirk *q = nc_mmio_quirk_by_soc_id(soc);
	bool t410 = soc->version == 0x036b0410 && soc->revision < 5;

	if (!!q != t410)
		abort();
	if (q && strcmp(q->name, "nvidia-t410"))
		abort();
}

/* --soc-id: what parses is a SoC ID firmware could report, and prints back. */
static void check_soc_id_text(const char *s)
{
	struct nc_mmio_soc_id soc, again;
	char text[32];

	if (nc_parse_soc_id(s, &soc))
		return;
	if (soc.version < 0 || (soc.version & 0x80800000))
		abort();
	if (soc.revision < 0)
		snprintf(text, sizeof(text), "%04x:%04x",
			 (unsigned int)soc.version >> 16,
			 (unsigned int)soc.version & 0xffff);
	else
		snprintf(text, sizeof(text), "%04x:%04x:%x",
			 (unsigned int)soc.version >> 16,
			 (unsigned int)soc.version & 0xffff,
			 (unsigned int)soc.revision);
	if (nc_parse_soc_id(text, &again) || again.version != soc.version ||
	    again.revision != soc.revision)
		abort();
	check_soc_id(&soc);
}

static void check_strings(const uint8_t *data, size_t size)
{
	const struct nc_mmio_quirk *q;
	struct nc_cmdline_param p;
	enum nc_mmio_value v;
	u16 vendor, device;
	char *s = malloc(size + 1);

	if (!s)
		return;
	memcpy(s, data, size);
	s[size] = '\0';

	/* SPEC, rule 1: safe, unsafe, firmware (= absent), else invalid. */
	v = nc_mmio_parse_param(s);
	if (v != (!strcmp(s, "safe") ? NC_MMIO_VALUE_SAFE :
		  !strcmp(s, "unsafe") ? NC_MMIO_VALUE_UNSAFE :
		  !strcmp(s, "firmware") ? NC_MMIO_VALUE_ABSENT :
		  NC_MMIO_VALUE_INVALID))
		abort();
	/* A quirk by PCI ID exactly for the compatibles SPEC lists. */
	q = NULL;
	if (nc_mmio_parse_pci_compatible(s, &vendor, &device))
		q = nc_mmio_quirk_by_pci_id(vendor, device);
	if (!!q != spec_is_altra(s))
		abort();
	if (q && strcmp(q->name, "ampere-altra-82288"))
		abort();
	/* The shipped table has no compatible entry. */
	if (nc_mmio_quirk_by_compatible(s))
		abort();

	check_soc_id_text(s);

	if (!nc_cmdline_find(s, &p)) {
		if (p.value == NC_MMIO_VALUE_SAFE &&
		    (!p.text || strcmp(p.text, "safe")))
			abort();
		nc_cmdline_param_free(&p);
	}
	free(s);
}

/*
 * SPEC's resolution order as a table of cases: the first rule that
 * applies wins. ANY matches every value of a fact; the rows partition
 * all combinations, so exactly one row matches any facts.
 */
#define ANY	-1
#define ABSENT	NC_MMIO_VALUE_ABSENT
#define SAFE	NC_MMIO_VALUE_SAFE
#define UNSAFE	NC_MMIO_VALUE_UNSAFE
#define INVALID	NC_MMIO_VALUE_INVALID

static const struct spec_case {
	int param, quirk, firmware, default_safe;
	enum nc_mmio_verdict verdict;
	enum nc_mmio_source source;
} spec_cases[] = {
	/* 1. normal_nc_mmio=safe|unsafe; any other value: unsafe */
	{ SAFE,    ANY, ANY,     ANY, NC_MMIO_SAFE,   NC_MMIO_SRC_CMDLINE },
	{ UNSAFE,  ANY, ANY,     ANY, NC_MMIO_UNSAFE, NC_MMIO_SRC_CMDLINE },
	{ INVALID, ANY, ANY,     ANY, NC_MMIO_UNSAFE, NC_MMIO_SRC_CMDLINE },
	/* 2. a quirk matches the SoC or the bridge: unsafe */
	{ ABSENT,  1,   ANY,     ANY, NC_MMIO_UNSAFE, NC_MMIO_SRC_QUIRK },
	/* 3. the nearest property; an invalid value: unsafe */
	{ ABSENT,  0,   SAFE,    ANY, NC_MMIO_SAFE,   NC_MMIO_SRC_FIRMWARE },
	{ ABSENT,  0,   UNSAFE,  ANY, NC_MMIO_UNSAFE, NC_MMIO_SRC_FIRMWARE },
	{ ABSENT,  0,   INVALID, ANY, NC_MMIO_UNSAFE, NC_MMIO_SRC_FIRMWARE },
	/* 4. the build-time default */
	{ ABSENT,  0,   ABSENT,  1,   NC_MMIO_SAFE,   NC_MMIO_SRC_DEFAULT },
	{ ABSENT,  0,   ABSENT,  0,   NC_MMIO_UNSAFE, NC_MMIO_SRC_DEFAULT },
};

static bool fact_is(int want, int got)
{
	return want == ANY || want == got;
}

static void check_decide(uint8_t b)
{
	const struct nc_mmio_quirk *altra = nc_mmio_quirk_by_pci_id(0x1def, 0xe110);
	const struct nc_mmio_quirk *t410 =
		nc_mmio_quirk_by_soc_id(&(struct nc_mmio_soc_id){ 0x036b0410, 0 });
	struct nc_mmio_facts f = {
		.param = (enum nc_mmio_value)(b & 3),
		.soc_quirk = (b & 0x40) ? t410 : NULL,
		.quirk = (b & 4) ? altra : NULL,
		.firmware = (enum nc_mmio_value)((b >> 3) & 3),
		.default_safe = b & 0x20,
	};
	const struct spec_case *c = NULL;
	struct nc_mmio_decision d;
	size_t i;

	for (i = 0; i < sizeof(spec_cases) / sizeof(spec_cases[0]); i++) {
		const struct spec_case *r = &spec_cases[i];

		if (fact_is(r->param, f.param) &&
		    fact_is(r->quirk, f.soc_quirk || f.quirk) &&
		    fact_is(r->firmware, f.firmware) &&
		    fact_is(r->default_safe, f.default_safe)) {
			if (c)
				abort();	/* the table overlaps */
			c = r;
		}
	}
	if (!c || !altra || !t410)
		abort();
	memset(&d, 0xa5, sizeof(d));
	nc_mmio_decide(&f, &d);
	if (d.verdict != c->verdict || d.source != c->source)
		abort();
	/* The SoC's quirk covers every bridge: it is the one named. */
	if (d.quirk != (c->source != NC_MMIO_SRC_QUIRK ? NULL :
			f.soc_quirk ? f.soc_quirk : f.quirk))
		abort();
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	check_value(data, size);
	check_strings(data, size);
	if (size)
		check_decide(data[0]);
	if (size >= 8) {
		struct nc_mmio_soc_id soc;

		memcpy(&soc.version, data, 4);
		memcpy(&soc.revision, data + 4, 4);
		check_soc_id(&soc);
	}
	return 0;
}
