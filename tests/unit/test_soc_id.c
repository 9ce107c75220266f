// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the quirk entries that match the SoC by its SMCCC SoC ID
 * (normal_nc_mmio_rules.c), their place among the rules, and ncpolicy's
 * --soc-id parser (scripts/ncpolicy/soc_id.c).
 */
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "normal_nc_mmio_rules.h"
#include "soc_id.h"
#include "test.h"

/* What arm_smccc_get_soc_id_*() return without a SoC ID. */
#define NOT_SUPPORTED	(-1)
#define SOC_A		NC_MMIO_SOC_ID(0x03, 0x6b, 0x1234)
#define SOC_B		NC_MMIO_SOC_ID(0x05, 0x3b, 0x0001)

static const struct nc_mmio_quirk soc_table[] = {
	{ .name = "a-rev-2-to-5", .soc_id = SOC_A, .soc_rev_min = 2,
	  .soc_rev_max = 5 },
	{ .name = "b-rev-7", .soc_id = SOC_B, .soc_rev_min = 7,
	  .soc_rev_max = 7 },
	{ .name = "by-id", .vendor = 0x1234, .device = 0x5678 },
	{ .name = "a-any-rev", .soc_id = SOC_A, .soc_rev_min = 0,
	  .soc_rev_max = 0xffffffff },
};

#define ST soc_table, sizeof(soc_table) / sizeof(soc_table[0])

static const struct nc_mmio_quirk *soc_match(u32 version, s32 revision)
{
	struct nc_mmio_soc_id soc = { (s32)version, revision };

	return nc_mmio_quirk_match_soc_id(ST, &soc);
}

static int soc_is(u32 version, s32 revision, const char *name)
{
	const struct nc_mmio_quirk *q = soc_match(version, revision);

	return name ? q && !strcmp(q->name, name) : !q;
}

static void test_soc_id_match(void)
{
	EXPECT("soc: SoC_ID_version layout",
	       SOC_A == 0x036b1234 && SOC_B == 0x053b0001 &&
	       NC_MMIO_SOC_ID(0x7f, 0x7f, 0xffff) == 0x7f7fffff);

	/* Both ends of a range, and just outside them. */
	EXPECT("soc: lowest revision of the range",
	       soc_is(SOC_B, 7, "b-rev-7") && soc_is(SOC_A, 2, "a-rev-2-to-5"));
	EXPECT("soc: highest revision of the range",
	       soc_is(SOC_A, 5, "a-rev-2-to-5"));
	EXPECT("soc: a revision inside the range",
	       soc_is(SOC_A, 3, "a-rev-2-to-5"));
	EXPECT("soc: below the range",
	       soc_is(SOC_B, 6, NULL) && soc_is(SOC_B, 0, NULL));
	EXPECT("soc: above the range",
	       soc_is(SOC_B, 8, NULL) && soc_is(SOC_B, INT32_MAX, NULL));
	EXPECT("soc: outside one range, inside a later entry's",
	       soc_is(SOC_A, 1, "a-any-rev") && soc_is(SOC_A, 6, "a-any-rev") &&
	       soc_is(SOC_A, INT32_MAX, "a-any-rev"));

	/* A revision firmware does not report matches any range. */
	EXPECT("soc: unknown revision matches",
	       soc_is(SOC_B, NOT_SUPPORTED, "b-rev-7") &&
	       soc_is(SOC_A, NOT_SUPPORTED, "a-rev-2-to-5"));
	EXPECT("soc: any negative revision is unknown",
	       soc_is(SOC_B, INT32_MIN, "b-rev-7") &&
	       soc_is(SOC_B, -2, "b-rev-7"));

	/* Other banks, identities and SoC IDs. */
	EXPECT("soc: other JEP106 bank",
	       soc_is(NC_MMIO_SOC_ID(0x04, 0x3b, 0x0001), 7, NULL) &&
	       soc_is(NC_MMIO_SOC_ID(0x02, 0x6b, 0x1234), 3, NULL));
	EXPECT("soc: other JEP106 identity",
	       soc_is(NC_MMIO_SOC_ID(0x05, 0x3c, 0x0001), 7, NULL) &&
	       soc_is(NC_MMIO_SOC_ID(0x03, 0x6a, 0x1234), 3, NULL));
	EXPECT("soc: other SoC ID",
	       soc_is(NC_MMIO_SOC_ID(0x05, 0x3b, 0x0002), 7, NULL) &&
	       soc_is(NC_MMIO_SOC_ID(0x03, 0x6b, 0x1235), 3, NULL) &&
	       soc_is(NC_MMIO_SOC_ID(0x03, 0x6b, 0x0234), 3, NULL));
	EXPECT("soc: bank and identity swapped",
	       soc_is(NC_MMIO_SOC_ID(0x3b, 0x05, 0x0001), 7, NULL));
	EXPECT("soc: other SoC, revision unknown",
	       soc_is(NC_MMIO_SOC_ID(0x05, 0x3b, 0x0002), NOT_SUPPORTED, NULL));

	/* No SoC ID: nothing matches, whatever the revision says. */
	EXPECT("soc: not supported matches nothing",
	       soc_is((u32)NOT_SUPPORTED, NOT_SUPPORTED, NULL) &&
	       soc_is((u32)NOT_SUPPORTED, 7, NULL));
	EXPECT("soc: any negative version matches nothing",
	       soc_is((u32)-2, NOT_SUPPORTED, NULL) &&
	       soc_is(SOC_B | 0x80000000u, 7, NULL));
	/* Entries without a SoC ID (0) are no SoC's. */
	EXPECT("soc: version 0 matches no PCI ID entry",
	       soc_is(0, 0, NULL) && soc_is(0, NOT_SUPPORTED, NULL));
	EXPECT("soc: SoC entries match no PCI ID or compatible",
	       !nc_mmio_quirk_match_pci_id(ST, 0, 0) &&
	       !nc_mmio_quirk_match_compatible(ST, "a-rev-2-to-5"));
	EXPECT("soc: empty table matches nothing",
	       !nc_mmio_quirk_match_soc_id(soc_table, 0,
					   &(struct nc_mmio_soc_id){ SOC_B, 7 }));
}

static const char *shipped(u32 version, s32 revision)
{
	struct nc_mmio_soc_id soc = { (s32)version, revision };
	const struct nc_mmio_quirk *q = nc_mmio_quirk_by_soc_id(&soc);

	return q ? q->name : "";
}

#define T410	NC_MMIO_SOC_ID(0x03, 0x6b, 0x0410)

static void test_shipped_soc_ids(void)
{
	EXPECT("shipped: no SoC ID, no quirk",
	       !*shipped((u32)NOT_SUPPORTED, NOT_SUPPORTED));
	EXPECT("shipped: version 0 is no Altra entry", !*shipped(0, 0));
	/* The T410 entry: revisions below 5, and an unknown one. */
	EXPECT("shipped: T410 revision 0", !strcmp(shipped(T410, 0), "nvidia-t410"));
	EXPECT("shipped: T410 revision 4", !strcmp(shipped(T410, 4), "nvidia-t410"));
	EXPECT("shipped: T410 revision unknown",
	       !strcmp(shipped(T410, NOT_SUPPORTED), "nvidia-t410"));
	EXPECT("shipped: T410 revision 5 is fixed", !*shipped(T410, 5));
	EXPECT("shipped: other NVIDIA SoC ID", !*shipped(T410 + 1, 0));
	EXPECT("shipped: T410's SoC ID in another bank",
	       !*shipped(NC_MMIO_SOC_ID(0x04, 0x6b, 0x0410), 0));
}

/* Which quirk a case has or wants: none, the SoC's, the bridge's. */
enum { NONE, SOC, BRIDGE };

static const struct nc_mmio_quirk *quirk_of(int which)
{
	return which == SOC ? &soc_table[0] : which == BRIDGE ? &soc_table[2] : NULL;
}

#define V(x)	NC_MMIO_VALUE_##x

static const struct {
	const char *name;
	enum nc_mmio_value param;
	int soc, bridge;
	enum nc_mmio_value firmware;
	enum nc_mmio_verdict verdict;
	enum nc_mmio_source source;
	int want;
} precedence[] = {
	{ "SoC quirk alone is unsafe", V(ABSENT), SOC, NONE, V(ABSENT),
	  NC_MMIO_UNSAFE, NC_MMIO_SRC_QUIRK, SOC },
	{ "cmdline safe beats the SoC quirk", V(SAFE), SOC, NONE, V(ABSENT),
	  NC_MMIO_SAFE, NC_MMIO_SRC_CMDLINE, NONE },
	{ "cmdline unsafe beats the SoC quirk", V(UNSAFE), SOC, BRIDGE, V(SAFE),
	  NC_MMIO_UNSAFE, NC_MMIO_SRC_CMDLINE, NONE },
	{ "cmdline invalid beats the SoC quirk", V(INVALID), SOC, NONE, V(SAFE),
	  NC_MMIO_UNSAFE, NC_MMIO_SRC_CMDLINE, NONE },
	{ "SoC quirk beats firmware safe", V(ABSENT), SOC, NONE, V(SAFE),
	  NC_MMIO_UNSAFE, NC_MMIO_SRC_QUIRK, SOC },
	{ "SoC quirk beats firmware invalid", V(ABSENT), SOC, NONE, V(INVALID),
	  NC_MMIO_UNSAFE, NC_MMIO_SRC_QUIRK, SOC },
	{ "the SoC quirk is named before the bridge's", V(ABSENT), SOC, BRIDGE,
	  V(SAFE), NC_MMIO_UNSAFE, NC_MMIO_SRC_QUIRK, SOC },
	{ "the bridge's quirk without a SoC quirk", V(ABSENT), NONE, BRIDGE,
	  V(SAFE), NC_MMIO_UNSAFE, NC_MMIO_SRC_QUIRK, BRIDGE },
	{ "no quirk, firmware safe decides", V(ABSENT), NONE, NONE, V(SAFE),
	  NC_MMIO_SAFE, NC_MMIO_SRC_FIRMWARE, NONE },
};

static void test_soc_precedence(void)
{
	struct nc_mmio_decision d;
	char name[96];
	size_t i;

	for (i = 0; i < sizeof(precedence) / sizeof(precedence[0]); i++) {
		struct nc_mmio_facts f = {
			.param = precedence[i].param,
			.soc_quirk = quirk_of(precedence[i].soc),
			.quirk = quirk_of(precedence[i].bridge),
			.firmware = precedence[i].firmware,
			.default_safe = true,
		};

		memset(&d, 0xa5, sizeof(d));
		nc_mmio_decide(&f, &d);
		snprintf(name, sizeof(name), "precedence: %s", precedence[i].name);
		EXPECT(name, d.verdict == precedence[i].verdict &&
		       d.source == precedence[i].source &&
		       d.quirk == quirk_of(precedence[i].want));
	}
}

/* --soc-id VALUE parses to @version and @revision. */
static int parses(const char *arg, u32 version, s32 revision)
{
	struct nc_mmio_soc_id soc = { 0x5a5a5a5a, 0x5a5a5a5a };

	return !nc_parse_soc_id(arg, &soc) && soc.version == (s32)version &&
	       soc.revision == revision;
}

/* --soc-id VALUE is refused, the reason containing @why. */
static int refuses(const char *arg, const char *why)
{
	struct nc_mmio_soc_id soc = { 0, 0 };
	const char *r = nc_parse_soc_id(arg, &soc);

	return r && strstr(r, why);
}

#define SYNTAX	"not BANKID:SOCID[:REV] in hex"

static void test_parse(void)
{
	EXPECT("parse: 036b:0410:4", parses("036b:0410:4", 0x036b0410, 4));
	EXPECT("parse: without REV the revision is unknown",
	       parses("036b:0410", 0x036b0410, -1));
	EXPECT("parse: upper case, short fields",
	       parses("36B:410:A", 0x036b0410, 10));
	EXPECT("parse: leading zeros",
	       parses("0000036b:00000410:00000004", 0x036b0410, 4));
	EXPECT("parse: largest values",
	       parses("7f7f:ffff:7fffffff", 0x7f7fffff, INT32_MAX));
	EXPECT("parse: zeros", parses("0:0:0", 0, 0));
	EXPECT("parse: the T410's form as Linux shows it",
	       parses("036b:0410:0", T410, 0));

	EXPECT("parse: empty", refuses("", SYNTAX));
	EXPECT("parse: colon only", refuses(":", SYNTAX));
	EXPECT("parse: BANKID only", refuses("036b", SYNTAX));
	EXPECT("parse: empty SOCID", refuses("036b:", SYNTAX));
	EXPECT("parse: empty BANKID", refuses(":0410", SYNTAX));
	EXPECT("parse: empty REV", refuses("036b:0410:", SYNTAX));
	EXPECT("parse: a fourth field", refuses("036b:0410:4:5", SYNTAX));
	EXPECT("parse: empty SOCID before REV", refuses("036b::4", SYNTAX));
	EXPECT("parse: 0x prefix", refuses("0x36b:0410", SYNTAX));
	EXPECT("parse: not hex", refuses("036g:0410", SYNTAX) &&
	       refuses("036b:04z0", SYNTAX) && refuses("036b:0410:x", SYNTAX));
	EXPECT("parse: spaces", refuses(" 036b:0410", SYNTAX) &&
	       refuses("036b:0410 ", SYNTAX) && refuses("036b: 0410", SYNTAX));
	EXPECT("parse: signs", refuses("036b:0410:-1", SYNTAX) &&
	       refuses("036b:0410:+4", SYNTAX) && refuses("-36b:0410", SYNTAX));
	EXPECT("parse: the sysfs form whole", refuses("jep106:036b:0410", SYNTAX));

	EXPECT("parse: bank above 7f", refuses("8000:0410", "BANKID"));
	EXPECT("parse: identity with its parity bit", refuses("00ce:0001", "BANKID"));
	EXPECT("parse: BANKID too long", refuses("1036b:0410", "BANKID") &&
	       refuses("ffffffffffffffffff:0", "BANKID"));
	EXPECT("parse: SOCID above ffff", refuses("036b:10000", "SOCID") &&
	       refuses("036b:fffffffffffff", "SOCID"));
	EXPECT("parse: REV above 7fffffff",
	       refuses("036b:0410:80000000", "REV") &&
	       refuses("036b:0410:ffffffffff", "REV"));
	EXPECT("parse: NC_SOC_ID_NONE has no SoC ID",
	       NC_SOC_ID_NONE.version < 0 && NC_SOC_ID_NONE.revision < 0);
}

int main(void)
{
	test_soc_id_match();
	test_shipped_soc_ids();
	test_soc_precedence();
	test_parse();
	return t_finish("unit-soc-id");
}
