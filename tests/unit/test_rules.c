// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the shared resolution unit, normal_nc_mmio_rules.c: every
 * rule, every pair of competing rules, every invalid value form.
 */
#include <stdio.h>
#include <string.h>

#include "normal_nc_mmio_rules.h"
#include "test.h"

#define V_ABSENT NC_MMIO_VALUE_ABSENT
#define V_SAFE NC_MMIO_VALUE_SAFE
#define V_UNSAFE NC_MMIO_VALUE_UNSAFE
#define V_INVALID NC_MMIO_VALUE_INVALID

static const struct nc_mmio_quirk *altra(void)
{
	return nc_mmio_quirk_by_pci_id(0x1def, 0xe100);
}

/* Decide and compare verdict, source and quirk in one go. */
static int decides(enum nc_mmio_value param, int quirk,
		   enum nc_mmio_value firmware, bool default_safe,
		   enum nc_mmio_verdict verdict, enum nc_mmio_source source)
{
	struct nc_mmio_facts f = {
		.param = param,
		.quirk = quirk ? altra() : NULL,
		.firmware = firmware,
		.default_safe = default_safe,
	};
	struct nc_mmio_decision d;

	memset(&d, 0xa5, sizeof(d));
	nc_mmio_decide(&f, &d);
	if (d.verdict != verdict || d.source != source)
		return 0;
	if (source == NC_MMIO_SRC_QUIRK)
		return d.quirk == f.quirk;
	return d.quirk == NULL;
}

#define VAL(lit) nc_mmio_parse_value(lit, sizeof(lit) - 1)

static void test_values(void)
{
	static const unsigned char u32_one[] = { 0, 0, 0, 1 };

	EXPECT("value: safe", VAL("safe\0") == V_SAFE);
	EXPECT("value: unsafe", VAL("unsafe\0") == V_UNSAFE);
	EXPECT("value: empty", VAL("") == V_INVALID);
	EXPECT("value: NULL", nc_mmio_parse_value(NULL, 0) == V_INVALID);
	EXPECT("value: NULL with length",
	       nc_mmio_parse_value(NULL, 5) == V_INVALID);
	EXPECT("value: lone NUL", VAL("\0") == V_INVALID);
	EXPECT("value: Safe", VAL("Safe\0") == V_INVALID);
	EXPECT("value: SAFE", VAL("SAFE\0") == V_INVALID);
	EXPECT("value: Unsafe", VAL("Unsafe\0") == V_INVALID);
	EXPECT("value: list safe,unsafe", VAL("safe\0unsafe\0") == V_INVALID);
	EXPECT("value: list unsafe,safe", VAL("unsafe\0safe\0") == V_INVALID);
	EXPECT("value: safe without NUL", VAL("safe") == V_INVALID);
	EXPECT("value: unsafe without NUL", VAL("unsafe") == V_INVALID);
	EXPECT("value: safe plus NUL", VAL("safe\0\0") == V_INVALID);
	EXPECT("value: prefix saf", VAL("saf\0") == V_INVALID);
	EXPECT("value: safe with space", VAL("safe \0") == V_INVALID);
	EXPECT("value: u32", nc_mmio_parse_value(u32_one, 4) == V_INVALID);
	EXPECT("value: firmware is no property value",
	       VAL("firmware\0") == V_INVALID);
	EXPECT("value: length shorter than string",
	       nc_mmio_parse_value("safe", 3) == V_INVALID);
}

static void test_params(void)
{
	EXPECT("param: safe", nc_mmio_parse_param("safe") == V_SAFE);
	EXPECT("param: unsafe", nc_mmio_parse_param("unsafe") == V_UNSAFE);
	EXPECT("param: firmware defers",
	       nc_mmio_parse_param("firmware") == V_ABSENT);
	EXPECT("param: no value", nc_mmio_parse_param(NULL) == V_INVALID);
	EXPECT("param: empty", nc_mmio_parse_param("") == V_INVALID);
	EXPECT("param: Safe", nc_mmio_parse_param("Safe") == V_INVALID);
	EXPECT("param: garbage", nc_mmio_parse_param("garbage") == V_INVALID);
	EXPECT("param: safe,unsafe",
	       nc_mmio_parse_param("safe,unsafe") == V_INVALID);
	EXPECT("param: 1", nc_mmio_parse_param("1") == V_INVALID);
	EXPECT("param: safe trailing space",
	       nc_mmio_parse_param("safe ") == V_INVALID);
}

static void test_pci_compatible(void)
{
	u16 v = 0, d = 0;

	EXPECT("pci compatible: pci1def,e100",
	       nc_mmio_parse_pci_compatible("pci1def,e100", &v, &d) &&
	       v == 0x1def && d == 0xe100);
	EXPECT("pci compatible: every hex digit's edge (9, a, f)",
	       nc_mmio_parse_pci_compatible("pci19ab,c0f9", &v, &d) &&
	       v == 0x19ab && d == 0xc0f9);
	EXPECT("pci compatible: short digits",
	       nc_mmio_parse_pci_compatible("pci8,1", &v, &d) &&
	       v == 8 && d == 1);
	EXPECT("pci compatible: upper case refused",
	       !nc_mmio_parse_pci_compatible("pci1DEF,E100", &v, &d));
	EXPECT("pci compatible: revision form refused",
	       !nc_mmio_parse_pci_compatible("pci1def,e100.1", &v, &d));
	EXPECT("pci compatible: subsystem form refused",
	       !nc_mmio_parse_pci_compatible("pci1def,e100.1234.5678", &v, &d));
	EXPECT("pci compatible: five digits refused",
	       !nc_mmio_parse_pci_compatible("pci1def0,e100", &v, &d));
	EXPECT("pci compatible: empty vendor refused",
	       !nc_mmio_parse_pci_compatible("pci,e100", &v, &d));
	EXPECT("pci compatible: empty device refused",
	       !nc_mmio_parse_pci_compatible("pci1def,", &v, &d));
	EXPECT("pci compatible: no comma refused",
	       !nc_mmio_parse_pci_compatible("pci1def", &v, &d));
	EXPECT("pci compatible: class form refused",
	       !nc_mmio_parse_pci_compatible("pciclass,0604", &v, &d));
	EXPECT("pci compatible: other prefix refused",
	       !nc_mmio_parse_pci_compatible("pcie1def,e100", &v, &d));
}

/* Every Ampere Altra PCIe root complex and root port ID in pci.ids. */
static const u16 altra_ids[] = {
	0xe100, 0xe101, 0xe102, 0xe103, 0xe104, 0xe105, 0xe106, 0xe107, 0xe108,
	0xe110, 0xe111, 0xe112, 0xe113, 0xe114, 0xe115, 0xe116, 0xe117, 0xe118,
};

/* IDs next to them, and eMAG's root ports (another SoC, same vendor). */
static const u16 not_altra_ids[] = {
	0xe005, 0xe00c, 0xe0ff, 0xe109, 0xe10f, 0xe119, 0xe200, 0x0000, 0xffff,
};

static void test_quirks(void)
{
	const struct nc_mmio_quirk *q;
	char name[64];
	size_t i;

	for (i = 0; i < sizeof(altra_ids) / sizeof(altra_ids[0]); i++) {
		q = nc_mmio_quirk_by_pci_id(0x1def, altra_ids[i]);
		snprintf(name, sizeof(name),
			 "quirk: 1def:%04x is ampere-altra-82288", altra_ids[i]);
		EXPECT(name, q && !strcmp(q->name, "ampere-altra-82288"));
	}
	for (i = 0; i < sizeof(not_altra_ids) / sizeof(not_altra_ids[0]); i++) {
		snprintf(name, sizeof(name), "quirk: 1def:%04x no match",
			 not_altra_ids[i]);
		EXPECT(name, !nc_mmio_quirk_by_pci_id(0x1def, not_altra_ids[i]));
	}
	EXPECT("quirk: other vendor, Altra device ID no match",
	       !nc_mmio_quirk_by_pci_id(0x1dee, 0xe100));
	EXPECT("quirk: e100:1def no match", !nc_mmio_quirk_by_pci_id(0xe100, 0x1def));
	EXPECT("quirk: 0:0 no match", !nc_mmio_quirk_by_pci_id(0, 0));
	/* The shipped table matches by PCI ID only. */
	EXPECT("quirk: shipped table has no compatible entry",
	       !nc_mmio_quirk_by_compatible("pci-host-ecam-generic") &&
	       !nc_mmio_quirk_by_compatible("ampere-altra-82288") &&
	       !nc_mmio_quirk_by_compatible(""));
}

/*
 * Compatible matching, proved on a table the test controls: the shipped
 * table has no compatible entry (yet), but SPEC keeps the mechanism.
 */
static const struct nc_mmio_quirk test_table[] = {
	{ .name = "by-compat", .compatible = "vendor,soc-pcie" },
	{ .name = "by-id", .vendor = 0x1234, .device = 0x5678 },
	{ .name = "both", .compatible = "vendor,soc", .vendor = 0x1234,
	  .device = 0x9abc },
	{ .name = "later-same-compat", .compatible = "vendor,soc-pcie" },
	{ .name = "later-same-id", .vendor = 0x1234, .device = 0x5678 },
};

#define TT test_table, sizeof(test_table) / sizeof(test_table[0])

static void test_quirk_table(void)
{
	EXPECT("table: compatible matches its entry",
	       nc_mmio_quirk_match_compatible(TT, "vendor,soc-pcie") == &test_table[0]);
	EXPECT("table: compatible of a combined entry",
	       nc_mmio_quirk_match_compatible(TT, "vendor,soc") == &test_table[2]);
	EXPECT("table: compatible is matched whole, not as a prefix",
	       !nc_mmio_quirk_match_compatible(TT, "vendor,soc-pci"));
	EXPECT("table: compatible is matched whole, not as an extension",
	       !nc_mmio_quirk_match_compatible(TT, "vendor,soc-pcie-x"));
	EXPECT("table: compatible is case-sensitive",
	       !nc_mmio_quirk_match_compatible(TT, "Vendor,soc-pcie"));
	EXPECT("table: empty compatible matches nothing",
	       !nc_mmio_quirk_match_compatible(TT, ""));
	EXPECT("table: an ID-only entry has no compatible",
	       !nc_mmio_quirk_match_compatible(TT, "by-id"));
	EXPECT("table: PCI ID matches its entry",
	       nc_mmio_quirk_match_pci_id(TT, 0x1234, 0x5678) == &test_table[1]);
	EXPECT("table: PCI ID of a combined entry",
	       nc_mmio_quirk_match_pci_id(TT, 0x1234, 0x9abc) == &test_table[2]);
	EXPECT("table: a compatible-only entry matches no PCI ID 0:0",
	       !nc_mmio_quirk_match_pci_id(TT, 0, 0));
	EXPECT("table: other device no match",
	       !nc_mmio_quirk_match_pci_id(TT, 0x1234, 0x5679));
	EXPECT("table: empty table matches nothing",
	       !nc_mmio_quirk_match_compatible(test_table, 0, "vendor,soc-pcie") &&
	       !nc_mmio_quirk_match_pci_id(test_table, 0, 0x1234, 0x5678));
}

static void test_rules(void)
{
	/* Each rule alone. */
	EXPECT("rule 1: cmdline safe",
	       decides(V_SAFE, 0, V_ABSENT, false, NC_MMIO_SAFE, NC_MMIO_SRC_CMDLINE));
	EXPECT("rule 1: cmdline unsafe",
	       decides(V_UNSAFE, 0, V_ABSENT, true, NC_MMIO_UNSAFE, NC_MMIO_SRC_CMDLINE));
	EXPECT("rule 1: cmdline invalid is unsafe",
	       decides(V_INVALID, 0, V_ABSENT, true, NC_MMIO_UNSAFE, NC_MMIO_SRC_CMDLINE));
	EXPECT("rule 2: quirk",
	       decides(V_ABSENT, 1, V_ABSENT, true, NC_MMIO_UNSAFE, NC_MMIO_SRC_QUIRK));
	EXPECT("rule 3: firmware safe",
	       decides(V_ABSENT, 0, V_SAFE, false, NC_MMIO_SAFE, NC_MMIO_SRC_FIRMWARE));
	EXPECT("rule 3: firmware unsafe",
	       decides(V_ABSENT, 0, V_UNSAFE, true, NC_MMIO_UNSAFE, NC_MMIO_SRC_FIRMWARE));
	EXPECT("rule 3: firmware invalid is unsafe",
	       decides(V_ABSENT, 0, V_INVALID, true, NC_MMIO_UNSAFE, NC_MMIO_SRC_FIRMWARE));
	EXPECT("rule 4: default safe",
	       decides(V_ABSENT, 0, V_ABSENT, true, NC_MMIO_SAFE, NC_MMIO_SRC_DEFAULT));
	EXPECT("rule 4: default unsafe",
	       decides(V_ABSENT, 0, V_ABSENT, false, NC_MMIO_UNSAFE, NC_MMIO_SRC_DEFAULT));

	/* Competing pairs: the earlier rule wins. */
	EXPECT("cmdline safe beats quirk",
	       decides(V_SAFE, 1, V_ABSENT, true, NC_MMIO_SAFE, NC_MMIO_SRC_CMDLINE));
	EXPECT("cmdline invalid beats quirk, unsafe from cmdline",
	       decides(V_INVALID, 1, V_ABSENT, true, NC_MMIO_UNSAFE, NC_MMIO_SRC_CMDLINE));
	EXPECT("cmdline safe beats firmware unsafe",
	       decides(V_SAFE, 0, V_UNSAFE, true, NC_MMIO_SAFE, NC_MMIO_SRC_CMDLINE));
	EXPECT("cmdline unsafe beats firmware safe",
	       decides(V_UNSAFE, 0, V_SAFE, true, NC_MMIO_UNSAFE, NC_MMIO_SRC_CMDLINE));
	EXPECT("cmdline safe beats firmware invalid",
	       decides(V_SAFE, 0, V_INVALID, true, NC_MMIO_SAFE, NC_MMIO_SRC_CMDLINE));
	EXPECT("cmdline unsafe beats default safe",
	       decides(V_UNSAFE, 0, V_ABSENT, true, NC_MMIO_UNSAFE, NC_MMIO_SRC_CMDLINE));
	EXPECT("cmdline safe beats default unsafe",
	       decides(V_SAFE, 0, V_ABSENT, false, NC_MMIO_SAFE, NC_MMIO_SRC_CMDLINE));
	EXPECT("quirk beats firmware safe",
	       decides(V_ABSENT, 1, V_SAFE, true, NC_MMIO_UNSAFE, NC_MMIO_SRC_QUIRK));
	EXPECT("quirk beats firmware invalid",
	       decides(V_ABSENT, 1, V_INVALID, true, NC_MMIO_UNSAFE, NC_MMIO_SRC_QUIRK));
	EXPECT("quirk beats default safe",
	       decides(V_ABSENT, 1, V_ABSENT, true, NC_MMIO_UNSAFE, NC_MMIO_SRC_QUIRK));
	EXPECT("firmware safe beats default unsafe",
	       decides(V_ABSENT, 0, V_SAFE, false, NC_MMIO_SAFE, NC_MMIO_SRC_FIRMWARE));
	EXPECT("firmware unsafe beats default safe",
	       decides(V_ABSENT, 0, V_UNSAFE, true, NC_MMIO_UNSAFE, NC_MMIO_SRC_FIRMWARE));
	EXPECT("firmware invalid beats default safe",
	       decides(V_ABSENT, 0, V_INVALID, true, NC_MMIO_UNSAFE, NC_MMIO_SRC_FIRMWARE));
	EXPECT("all four present: cmdline wins",
	       decides(V_SAFE, 1, V_UNSAFE, false, NC_MMIO_SAFE, NC_MMIO_SRC_CMDLINE));

	/* "firmware" on the command line is no parameter at all. */
	EXPECT("cmdline firmware defers to firmware",
	       decides(nc_mmio_parse_param("firmware"), 0, V_UNSAFE, true,
		       NC_MMIO_UNSAFE, NC_MMIO_SRC_FIRMWARE));
	EXPECT("cmdline firmware defers to quirk",
	       decides(nc_mmio_parse_param("firmware"), 1, V_SAFE, true,
		       NC_MMIO_UNSAFE, NC_MMIO_SRC_QUIRK));
}

static void test_names(void)
{
	EXPECT("name: safe", !strcmp(nc_mmio_verdict_name(NC_MMIO_SAFE), "safe"));
	EXPECT("name: unsafe",
	       !strcmp(nc_mmio_verdict_name(NC_MMIO_UNSAFE), "unsafe"));
	EXPECT("name: cmdline",
	       !strcmp(nc_mmio_source_name(NC_MMIO_SRC_CMDLINE), "cmdline"));
	EXPECT("name: quirk",
	       !strcmp(nc_mmio_source_name(NC_MMIO_SRC_QUIRK), "quirk"));
	EXPECT("name: firmware",
	       !strcmp(nc_mmio_source_name(NC_MMIO_SRC_FIRMWARE), "firmware"));
	EXPECT("name: default",
	       !strcmp(nc_mmio_source_name(NC_MMIO_SRC_DEFAULT), "default"));
}

int main(void)
{
	test_values();
	test_params();
	test_pci_compatible();
	test_quirks();
	test_quirk_table();
	test_rules();
	test_names();
	return t_finish("unit-rules");
}
