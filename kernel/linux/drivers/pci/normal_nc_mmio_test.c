// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for normal-nc-mmio.
 *
 * pci_normal_nc_mmio: the parser and the shared rules on real devicetree
 * nodes, added by an overlay (normal_nc_mmio_test.dtso): every rule, every
 * pair of competing rules, every invalid value form, the root node, and
 * the re-decision by a PCI ID quirk before and after the verdict is final,
 * and a quirk matched by the SoC's SMCCC SoC ID against each of them.
 * Each case is a test host bridge (allocated, never registered) that shows
 * its verdict through the real sysfs show() functions.
 *
 * pci_normal_nc_mmio_soc_id: quirk entries that match the SoC by its SMCCC
 * SoC ID, with injected IDs (no firmware emulation gives QEMU a SoC ID):
 * both ends of a revision range, an unknown revision, other JEP106 banks,
 * identities and SoC IDs, no SoC ID at all; needs no devicetree.
 *
 * pci_normal_nc_mmio_consumers: on a real device of the running system,
 * with its host bridge's cached verdict set to unsafe and to safe in turn,
 * every user of the verdict follows it: the resourceN_wc sysfs file,
 * arch_can_pci_mmap_wc() (which the /proc/bus/pci write-combine ioctl asks
 * where HAVE_PCI_MMAP has it), pci_iomap_wc(), pci_ioremap_wc_bar(),
 * pci_pgprot_writecombine() and the vfio-pci VMA flags (arm64 memory
 * attributes are read back from the page tables).
 */
#include <linux/arm-smccc.h>
#include <linux/io.h>
#include <linux/ktime.h>
#include <linux/of.h>
#include <linux/pci.h>
#include <linux/pgtable.h>
#include <linux/sort.h>
#include <linux/sysfs.h>
#include <linux/vfio_pci_core.h>

#include <kunit/of.h>
#include <kunit/resource.h>
#include <kunit/test.h>

#include "pci.h"
#include "normal_nc_mmio.h"

#define TEST_ROOT	"/ncmmio-test/"

struct nc_case {
	const char *name;		/* case node below /ncmmio-test */
	const char *bridge;		/* bridge node below the case node */
	enum nc_mmio_value param;	/* the kernel parameter */
	enum nc_mmio_verdict verdict;
	const char *source;		/* "firmware:" paths are relative */
};

static const enum nc_mmio_verdict nc_default =
	IS_ENABLED(CONFIG_PCI_NORMAL_NC_MMIO_DEFAULT_SAFE) ?
	NC_MMIO_SAFE : NC_MMIO_UNSAFE;

#define ABSENT	NC_MMIO_VALUE_ABSENT
#define SAFE	NC_MMIO_SAFE
#define UNSAFE	NC_MMIO_UNSAFE
#define QUIRK	"quirk:ampere-altra-82288"

static const struct nc_case nc_cases[] = {
	/* rule 4 alone, rule 3 alone */
	{ "none", "bridge", ABSENT, -1, "default" },
	{ "bridge-safe", "bridge", ABSENT, SAFE, "firmware:bridge" },
	{ "bridge-unsafe", "bridge", ABSENT, UNSAFE, "firmware:bridge" },
	/* rule 3: the nearest node wins */
	{ "root-unsafe", "bridge", ABSENT, UNSAFE, "firmware:" },
	{ "root-unsafe-bridge-safe", "bridge", ABSENT, SAFE, "firmware:bridge" },
	{ "levels", "bus/bridge", ABSENT, UNSAFE, "firmware:bus" },
	{ "levels", "bus/bridge-safe", ABSENT, SAFE, "firmware:bus/bridge-safe" },
	/* rule 3: every invalid form resolves to unsafe at that node */
	{ "bad-u32", "bridge", ABSENT, UNSAFE, "firmware:bridge" },
	{ "bad-empty", "bridge", ABSENT, UNSAFE, "firmware:bridge" },
	{ "bad-unknown", "bridge", ABSENT, UNSAFE, "firmware:bridge" },
	{ "bad-case", "bridge", ABSENT, UNSAFE, "firmware:bridge" },
	{ "bad-list", "bridge", ABSENT, UNSAFE, "firmware:bridge" },
	{ "bad-long", "bridge", ABSENT, UNSAFE, "firmware:bridge" },
	{ "bad-extra-nul", "bridge", ABSENT, UNSAFE, "firmware:bridge" },
	{ "bad-no-nul", "bridge", ABSENT, UNSAFE, "firmware:bridge" },
	{ "bad-bridge-root-safe", "bridge", ABSENT, UNSAFE, "firmware:bridge" },
	/* rule 1 over rule 3, both ways, and an invalid parameter */
	{ "bridge-unsafe", "bridge", NC_MMIO_VALUE_SAFE, SAFE, "cmdline" },
	{ "bridge-safe", "bridge", NC_MMIO_VALUE_UNSAFE, UNSAFE, "cmdline" },
	{ "bridge-safe", "bridge", NC_MMIO_VALUE_INVALID, UNSAFE, "cmdline" },
	/* rule 1 over rule 4 */
	{ "none", "bridge", NC_MMIO_VALUE_UNSAFE, UNSAFE, "cmdline" },
	/* rule 2 alone, over rule 3 (valid and invalid), under rule 1 */
	{ "quirk", "bridge", ABSENT, UNSAFE, QUIRK },
	{ "quirk-bridge-safe", "bridge", ABSENT, UNSAFE, QUIRK },
	{ "quirk-bridge-bad", "bridge", ABSENT, UNSAFE, QUIRK },
	{ "quirk-bridge-safe", "bridge", NC_MMIO_VALUE_SAFE, SAFE, "cmdline" },
	{ "quirk", "bridge", NC_MMIO_VALUE_INVALID, UNSAFE, "cmdline" },
	/* rule 2: where a PCI ID matches and where it does not */
	{ "quirk-deep", "bridge", ABSENT, UNSAFE, QUIRK },
	{ "quirk-disabled", "bridge", ABSENT, -1, "default" },
	{ "quirk-upper-case", "bridge", ABSENT, -1, "default" },
};

static void nc_case_desc(const struct nc_case *c, char *desc)
{
	snprintf(desc, KUNIT_PARAM_DESC_SIZE, "%s/%s param=%d", c->name,
		 c->bridge, c->param);
}

KUNIT_ARRAY_PARAM(nc_case, nc_cases, nc_case_desc);

static struct device_node *nc_test_node(struct kunit *test, const char *case_name,
					const char *rel)
{
	struct device_node *np;
	char path[128];

	if (rel)
		snprintf(path, sizeof(path), TEST_ROOT "%s/%s", case_name, rel);
	else
		snprintf(path, sizeof(path), TEST_ROOT "%s", case_name);
	np = of_find_node_by_path(path);
	KUNIT_ASSERT_NOT_NULL_MSG(test, np, "no node %s", path);
	of_node_put_kunit(test, np);
	return np;
}

static int nc_test_init(struct kunit *test)
{
	/* The overlay needs a live tree to attach to (not there on ACPI). */
	if (!of_root)
		kunit_skip(test, "no devicetree");
	return of_overlay_apply_kunit(test, normal_nc_mmio_test);
}

/* A host bridge for one test: allocated, resolved, never registered. */
struct nc_test_host {
	struct pci_host_bridge *bridge;
	struct pci_bus *bus;
	struct pci_dev *pdev;		/* a device below it */
};

KUNIT_DEFINE_ACTION_WRAPPER(nc_free_host_bridge, pci_free_host_bridge,
			    struct pci_host_bridge *);

static struct nc_test_host *
nc_test_host_soc(struct kunit *test, struct fwnode_handle *fwnode,
		 const struct fwnode_handle *top, enum nc_mmio_value param,
		 const struct nc_mmio_quirk *soc_quirk)
{
	struct nc_test_host *h = kunit_kzalloc(test, sizeof(*h), GFP_KERNEL);
	struct pci_nc_mmio *nc;
	int err;

	KUNIT_ASSERT_NOT_NULL(test, h);
	h->bus = kunit_kzalloc(test, sizeof(*h->bus), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, h->bus);
	h->pdev = kunit_kzalloc(test, sizeof(*h->pdev), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, h->pdev);
	h->bridge = pci_alloc_host_bridge(0);
	KUNIT_ASSERT_NOT_NULL(test, h->bridge);
	err = kunit_add_action_or_reset(test, nc_free_host_bridge, h->bridge);
	KUNIT_ASSERT_EQ(test, err, 0);

	/* Owned by the bridge once attached; its release frees it. */
	nc = kzalloc(sizeof(*nc), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, nc);
	err = pci_nc_mmio_resolve(nc, fwnode, top, param, soc_quirk);
	if (err) {
		pci_nc_mmio_release(nc);
		kfree(nc);
		nc = NULL;
	}
	KUNIT_ASSERT_EQ(test, err, 0);
	pci_nc_mmio_attach(h->bridge, nc);

	h->bridge->bus = h->bus;
	h->bus->bridge = &h->bridge->dev;
	h->bus->dev.init_name = "ncmmio-test";
	h->pdev->bus = h->bus;
	h->pdev->dev.init_name = "ncmmio-test-dev";
	return h;
}

static struct nc_test_host *nc_test_host(struct kunit *test,
					 struct fwnode_handle *fwnode,
					 const struct fwnode_handle *top,
					 enum nc_mmio_value param)
{
	return nc_test_host_soc(test, fwnode, top, param, NULL);
}

/* What the host bridge's sysfs file @name shows, without the newline. */
static const char *nc_show(struct kunit *test, struct nc_test_host *h,
			   const char *name)
{
	struct attribute **a = pci_nc_mmio_host_bridge_groups[0]->attrs;
	struct device_attribute *da;
	char *buf = kunit_kzalloc(test, PAGE_SIZE, GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, buf);
	while (*a && strcmp((*a)->name, name))
		a++;
	KUNIT_ASSERT_NOT_NULL_MSG(test, *a, "no attribute %s", name);
	da = container_of(*a, struct device_attribute, attr);
	KUNIT_ASSERT_GT(test, da->show(&h->bridge->dev, da, buf), 0);
	buf[strcspn(buf, "\n")] = '\0';
	return buf;
}

/* The bridge's verdict as its users and its sysfs files see it. */
static void nc_expect(struct kunit *test, struct nc_test_host *h,
		      enum nc_mmio_verdict verdict, const char *source)
{
	KUNIT_EXPECT_EQ(test, pci_nc_mmio_safe(h->pdev), verdict == NC_MMIO_SAFE);
	KUNIT_EXPECT_STREQ(test, nc_show(test, h, "normal_nc_mmio"),
			   nc_mmio_verdict_name(verdict));
	KUNIT_EXPECT_STREQ(test, nc_show(test, h, "normal_nc_mmio_source"), source);
}

/* Resolve one bridge with its case node as the root of the walk. */
static void nc_resolve_case(struct kunit *test)
{
	const struct nc_case *c = test->param_value;
	struct device_node *top = nc_test_node(test, c->name, NULL);
	struct device_node *br = nc_test_node(test, c->name, c->bridge);
	enum nc_mmio_verdict want = (int)c->verdict < 0 ? nc_default : c->verdict;
	const char *src = c->source;
	struct nc_test_host *h;
	char fw[160];

	if (str_has_prefix(src, "firmware:")) {
		snprintf(fw, sizeof(fw), "firmware:" TEST_ROOT "%s%s%s",
			 c->name, src[9] ? "/" : "", src + 9);
		src = fw;
	}

	h = nc_test_host(test, of_fwnode_handle(br), of_fwnode_handle(top),
			 c->param);
	nc_expect(test, h, want, src);
}

static void nc_changeset_revert(void *ocs)
{
	of_changeset_revert(ocs);
	of_changeset_destroy(ocs);
}

/*
 * The walk up to the real root, reported as "/": the root says "unsafe"
 * (given for the duration of the test if this boot's tree does not say
 * anything there), and nothing on the way from this bridge up says
 * anything.
 */
static void nc_root_node(struct kunit *test)
{
	struct device_node *br = nc_test_node(test, "none", "bridge");
	enum nc_mmio_value v = pci_nc_mmio_read(of_fwnode_handle(of_root));
	struct of_changeset *ocs;
	struct nc_test_host *h;
	int err;

	if (v == NC_MMIO_VALUE_ABSENT) {
		ocs = kunit_kzalloc(test, sizeof(*ocs), GFP_KERNEL);
		KUNIT_ASSERT_NOT_NULL(test, ocs);
		of_changeset_init(ocs);
		err = of_changeset_add_prop_string(ocs, of_root, NC_MMIO_PROP,
						   "unsafe");
		KUNIT_ASSERT_EQ(test, err, 0);
		KUNIT_ASSERT_EQ(test, of_changeset_apply(ocs), 0);
		err = kunit_add_action_or_reset(test, nc_changeset_revert, ocs);
		KUNIT_ASSERT_EQ(test, err, 0);
		v = NC_MMIO_VALUE_UNSAFE;
	}

	h = nc_test_host(test, of_fwnode_handle(br), NULL, ABSENT);
	nc_expect(test, h, v == NC_MMIO_VALUE_SAFE ? SAFE : UNSAFE, "firmware:/");
}

/* The test host bridge of case @name's node "bridge", walked up to @name. */
static struct nc_test_host *nc_case_host(struct kunit *test, const char *name,
					 enum nc_mmio_value param)
{
	struct device_node *top = nc_test_node(test, name, NULL);
	struct device_node *br = nc_test_node(test, name, "bridge");

	return nc_test_host(test, of_fwnode_handle(br), of_fwnode_handle(top),
			    param);
}

/* The header fixup's work, for a device with an Altra root port's ID. */
static int nc_scan_altra(struct nc_test_host *h)
{
	const struct nc_mmio_quirk *q = nc_mmio_quirk_by_pci_id(0x1def, 0xe100);

	if (!q)
		return -ENOENT;
	return pci_nc_mmio_scan_quirk(h->bridge, q);
}

#define FW_SAFE		"firmware:" TEST_ROOT "bridge-safe/bridge"

/* A PCI ID quirk found while scanning re-decides a safe bridge. */
static void nc_scan_quirk_redecides(struct kunit *test)
{
	struct nc_test_host *h = nc_case_host(test, "bridge-safe", ABSENT);

	nc_expect(test, h, SAFE, FW_SAFE);
	KUNIT_EXPECT_EQ(test, nc_scan_altra(h), 0);
	nc_expect(test, h, UNSAFE, QUIRK);
	/* Final from here on: what was re-decided stays. */
	pci_nc_mmio_finalize(h->bridge);
	nc_expect(test, h, UNSAFE, QUIRK);
}

/* The command line still wins over a quirk found while scanning. */
static void nc_scan_quirk_under_cmdline(struct kunit *test)
{
	struct nc_test_host *h = nc_case_host(test, "bridge-unsafe",
					      NC_MMIO_VALUE_SAFE);

	KUNIT_EXPECT_EQ(test, nc_scan_altra(h), 0);
	nc_expect(test, h, SAFE, "cmdline");
}

/* Once devices are being added, a quirk no longer changes the verdict. */
static void nc_scan_quirk_after_final(struct kunit *test)
{
	struct nc_test_host *h = nc_case_host(test, "bridge-safe", ABSENT);

	pci_nc_mmio_finalize(h->bridge);
	KUNIT_EXPECT_TRUE(test, test_bit(PCI_NC_MMIO_FINAL,
					 &h->bridge->nc_mmio_flags));
	KUNIT_EXPECT_EQ(test, nc_scan_altra(h), -EBUSY);
	nc_expect(test, h, SAFE, FW_SAFE);
}

/* The reader on its own: exactly one of two strings is valid. */
static void nc_read_values(struct kunit *test)
{
	static const struct {
		const char *node;
		enum nc_mmio_value want;
	} v[] = {
		{ "none/bridge", NC_MMIO_VALUE_ABSENT },
		{ "bridge-safe/bridge", NC_MMIO_VALUE_SAFE },
		{ "bridge-unsafe/bridge", NC_MMIO_VALUE_UNSAFE },
		{ "bad-u32/bridge", NC_MMIO_VALUE_INVALID },
		{ "bad-empty/bridge", NC_MMIO_VALUE_INVALID },
		{ "bad-unknown/bridge", NC_MMIO_VALUE_INVALID },
		{ "bad-case/bridge", NC_MMIO_VALUE_INVALID },
		{ "bad-list/bridge", NC_MMIO_VALUE_INVALID },
		{ "bad-long/bridge", NC_MMIO_VALUE_INVALID },
		{ "bad-extra-nul/bridge", NC_MMIO_VALUE_INVALID },
		{ "bad-no-nul/bridge", NC_MMIO_VALUE_INVALID },
	};
	struct device_node *np;
	int i;

	for (i = 0; i < ARRAY_SIZE(v); i++) {
		np = nc_test_node(test, v[i].node, NULL);
		KUNIT_EXPECT_EQ_MSG(test, pci_nc_mmio_read(of_fwnode_handle(np)),
				    v[i].want, "%s", v[i].node);
	}
}

/* normal_nc_mmio= values. */
static void nc_param_values(struct kunit *test)
{
	KUNIT_EXPECT_EQ(test, nc_mmio_parse_param("safe"), NC_MMIO_VALUE_SAFE);
	KUNIT_EXPECT_EQ(test, nc_mmio_parse_param("unsafe"), NC_MMIO_VALUE_UNSAFE);
	KUNIT_EXPECT_EQ(test, nc_mmio_parse_param("firmware"), NC_MMIO_VALUE_ABSENT);
	KUNIT_EXPECT_EQ(test, nc_mmio_parse_param("Safe"), NC_MMIO_VALUE_INVALID);
	KUNIT_EXPECT_EQ(test, nc_mmio_parse_param(""), NC_MMIO_VALUE_INVALID);
	KUNIT_EXPECT_EQ(test, nc_mmio_parse_param(NULL), NC_MMIO_VALUE_INVALID);
	KUNIT_EXPECT_EQ(test, nc_mmio_parse_param("safe,unsafe"),
			NC_MMIO_VALUE_INVALID);
}

/* A bridge without any firmware node resolves by rules 1, 2 and 4. */
static void nc_no_fwnode(struct kunit *test)
{
	struct nc_test_host *h = nc_test_host(test, NULL, NULL, ABSENT);

	nc_expect(test, h, nc_default, "default");
}

/*
 * SoC-ID quirk entries of a table the test controls: the shipped table
 * may have none, and no SoC ID reaches a QEMU guest, so the IDs are
 * injected. The bank, identity and SoC ID are NVIDIA's and T410's with
 * one field changed each, so that every field must be compared.
 */
#define NC_SOC		NC_MMIO_SOC_ID(0x03, 0x6b, 0x1410)
#define NC_SOC_REV	NC_MMIO_SOC_ID(0x03, 0x6b, 0x2410)

static const struct nc_mmio_quirk nc_soc_table[] = {
	{ .name = "test-soc", .soc_id = NC_SOC, .soc_rev_min = 0,
	  .soc_rev_max = 0x7fffffff },
	{ .name = "test-soc-rev-2-5", .soc_id = NC_SOC_REV, .soc_rev_min = 2,
	  .soc_rev_max = 5 },
	{ .name = "test-pci-id", .vendor = 0x1def, .device = 0xe100 },
};

static const struct nc_mmio_quirk *nc_soc_match(s32 version, s32 revision)
{
	struct nc_mmio_soc_id soc = { .version = version, .revision = revision };

	return nc_mmio_quirk_match_soc_id(nc_soc_table,
					  ARRAY_SIZE(nc_soc_table), &soc);
}

/* The quirk a system reporting SoC ID NC_SOC gets, as the kernel passes it. */
static const struct nc_mmio_quirk *nc_soc_quirk(struct kunit *test)
{
	const struct nc_mmio_quirk *q = nc_soc_match(NC_SOC, 1);

	KUNIT_ASSERT_NOT_NULL(test, q);
	return q;
}

/* Case @name's bridge, resolved on a SoC whose SoC ID has a quirk. */
static struct nc_test_host *nc_soc_host(struct kunit *test, const char *name,
					enum nc_mmio_value param)
{
	struct device_node *top = nc_test_node(test, name, NULL);
	struct device_node *br = nc_test_node(test, name, "bridge");

	return nc_test_host_soc(test, of_fwnode_handle(br),
				of_fwnode_handle(top), param,
				nc_soc_quirk(test));
}

/* The SoC's quirk beats what firmware says, valid or not. */
static void nc_soc_quirk_beats_firmware(struct kunit *test)
{
	nc_expect(test, nc_soc_host(test, "bridge-safe", ABSENT), UNSAFE,
		  "quirk:test-soc");
	nc_expect(test, nc_soc_host(test, "root-unsafe-bridge-safe", ABSENT),
		  UNSAFE, "quirk:test-soc");
	nc_expect(test, nc_soc_host(test, "bad-unknown", ABSENT), UNSAFE,
		  "quirk:test-soc");
	nc_expect(test, nc_soc_host(test, "none", ABSENT), UNSAFE,
		  "quirk:test-soc");
}

/* The command line beats the SoC's quirk, both ways. */
static void nc_soc_quirk_under_cmdline(struct kunit *test)
{
	nc_expect(test, nc_soc_host(test, "bridge-unsafe", NC_MMIO_VALUE_SAFE),
		  SAFE, "cmdline");
	nc_expect(test, nc_soc_host(test, "none", NC_MMIO_VALUE_SAFE), SAFE,
		  "cmdline");
	nc_expect(test, nc_soc_host(test, "bridge-safe", NC_MMIO_VALUE_UNSAFE),
		  UNSAFE, "cmdline");
	nc_expect(test, nc_soc_host(test, "bridge-safe", NC_MMIO_VALUE_INVALID),
		  UNSAFE, "cmdline");
}

/* The SoC's quirk is the one named, also where the bridge has its own. */
static void nc_soc_quirk_first(struct kunit *test)
{
	struct nc_test_host *h = nc_soc_host(test, "quirk", ABSENT);

	nc_expect(test, h, UNSAFE, "quirk:test-soc");
	/* A PCI ID found while scanning changes nothing either. */
	h = nc_soc_host(test, "bridge-safe", ABSENT);
	KUNIT_EXPECT_EQ(test, nc_scan_altra(h), 0);
	nc_expect(test, h, UNSAFE, "quirk:test-soc");
	/* The control: the same bridges without the SoC's quirk. */
	nc_expect(test, nc_case_host(test, "quirk", ABSENT), UNSAFE, QUIRK);
	nc_expect(test, nc_case_host(test, "bridge-safe", ABSENT), SAFE, FW_SAFE);
}

/*
 * Every nc_resolve_case parameter applies and reverts an overlay: most of
 * the suite's time, and independent of the booted tree, so marked slow for
 * kunit.filter="speed>slow" to leave out where the rest is what matters.
 */
static struct kunit_case nc_test_cases[] = {
	KUNIT_CASE_PARAM_ATTR(nc_resolve_case, nc_case_gen_params,
			      { .speed = KUNIT_SPEED_SLOW }),
	KUNIT_CASE(nc_read_values),
	KUNIT_CASE(nc_param_values),
	KUNIT_CASE(nc_no_fwnode),
	KUNIT_CASE(nc_root_node),
	KUNIT_CASE(nc_scan_quirk_redecides),
	KUNIT_CASE(nc_scan_quirk_under_cmdline),
	KUNIT_CASE(nc_scan_quirk_after_final),
	KUNIT_CASE(nc_soc_quirk_beats_firmware),
	KUNIT_CASE(nc_soc_quirk_under_cmdline),
	KUNIT_CASE(nc_soc_quirk_first),
	{}
};

static struct kunit_suite nc_test_suite = {
	.name = "pci_normal_nc_mmio",
	.init = nc_test_init,
	.test_cases = nc_test_cases,
};

/* The name of the quirk @version/@revision match, "" for none. */
static const char *nc_soc_name(s32 version, s32 revision)
{
	const struct nc_mmio_quirk *q = nc_soc_match(version, revision);

	return q ? q->name : "";
}

/* A range matches at both of its ends, and not just outside them. */
static void nc_soc_id_range(struct kunit *test)
{
	KUNIT_EXPECT_STREQ(test, nc_soc_name(NC_SOC_REV, 2), "test-soc-rev-2-5");
	KUNIT_EXPECT_STREQ(test, nc_soc_name(NC_SOC_REV, 5), "test-soc-rev-2-5");
	KUNIT_EXPECT_STREQ(test, nc_soc_name(NC_SOC_REV, 1), "");
	KUNIT_EXPECT_STREQ(test, nc_soc_name(NC_SOC_REV, 6), "");
	KUNIT_EXPECT_STREQ(test, nc_soc_name(NC_SOC, 0), "test-soc");
	KUNIT_EXPECT_STREQ(test, nc_soc_name(NC_SOC, S32_MAX), "test-soc");
}

/* A revision firmware does not report matches any range. */
static void nc_soc_id_unknown_revision(struct kunit *test)
{
	KUNIT_EXPECT_STREQ(test, nc_soc_name(NC_SOC_REV, SMCCC_RET_NOT_SUPPORTED),
			   "test-soc-rev-2-5");
	KUNIT_EXPECT_STREQ(test, nc_soc_name(NC_SOC_REV, S32_MIN),
			   "test-soc-rev-2-5");
}

/* Every field of SoC_ID_version counts. */
static void nc_soc_id_other_ids(struct kunit *test)
{
	/* JEP106 bank, identity, SoC ID: one changed at a time */
	KUNIT_EXPECT_STREQ(test, nc_soc_name(NC_MMIO_SOC_ID(0x04, 0x6b, 0x2410), 3), "");
	KUNIT_EXPECT_STREQ(test, nc_soc_name(NC_MMIO_SOC_ID(0x03, 0x6a, 0x2410), 3), "");
	KUNIT_EXPECT_STREQ(test, nc_soc_name(NC_MMIO_SOC_ID(0x03, 0x6b, 0x2411), 3), "");
	KUNIT_EXPECT_STREQ(test, nc_soc_name(NC_MMIO_SOC_ID(0x03, 0x6b, 0x0410), 3), "");
	KUNIT_EXPECT_STREQ(test, nc_soc_name(NC_MMIO_SOC_ID(0x04, 0x6b, 0x1410),
					     SMCCC_RET_NOT_SUPPORTED), "");
}

/* No SoC ID matches nothing, not even entries that have no SoC ID. */
static void nc_soc_id_not_supported(struct kunit *test)
{
	struct nc_mmio_soc_id none = {
		.version = SMCCC_RET_NOT_SUPPORTED,
		.revision = SMCCC_RET_NOT_SUPPORTED,
	};
	struct nc_mmio_soc_id zero = { .version = 0, .revision = 0 };

	KUNIT_EXPECT_STREQ(test, nc_soc_name(SMCCC_RET_NOT_SUPPORTED,
					     SMCCC_RET_NOT_SUPPORTED), "");
	KUNIT_EXPECT_STREQ(test, nc_soc_name(SMCCC_RET_NOT_SUPPORTED, 3), "");
	KUNIT_EXPECT_STREQ(test, nc_soc_name((s32)(NC_SOC | BIT(31)), 3), "");
	KUNIT_EXPECT_STREQ(test, nc_soc_name(0, 0), "");
	KUNIT_EXPECT_NULL(test, nc_mmio_quirk_by_soc_id(&none));
	KUNIT_EXPECT_NULL(test, nc_mmio_quirk_by_soc_id(&zero));
}

/* A bridge without a firmware node gets the SoC's quirk too. */
static void nc_soc_id_no_fwnode(struct kunit *test)
{
	nc_expect(test, nc_test_host_soc(test, NULL, NULL, ABSENT,
					 nc_soc_quirk(test)),
		  UNSAFE, "quirk:test-soc");
	nc_expect(test, nc_test_host_soc(test, NULL, NULL, NC_MMIO_VALUE_SAFE,
					 nc_soc_quirk(test)),
		  SAFE, "cmdline");
	nc_expect(test, nc_test_host_soc(test, NULL, NULL, ABSENT,
					 nc_soc_match(NC_SOC_REV, 6)),
		  nc_default, "default");
}

static struct kunit_case nc_soc_id_cases[] = {
	KUNIT_CASE(nc_soc_id_range),
	KUNIT_CASE(nc_soc_id_unknown_revision),
	KUNIT_CASE(nc_soc_id_other_ids),
	KUNIT_CASE(nc_soc_id_not_supported),
	KUNIT_CASE(nc_soc_id_no_fwnode),
	{}
};

static struct kunit_suite nc_soc_id_suite = {
	.name = "pci_normal_nc_mmio_soc_id",
	.test_cases = nc_soc_id_cases,
};

/* ------------------------------------------------------------------------
 * The users of the verdict, on the first memory BAR (a prefetchable one if
 * there is any) of a real device, with the cached verdict of its host
 * bridge set to unsafe and to safe in turn (and restored afterwards).
 */

struct nc_bar {
	struct pci_dev *pdev;
	struct pci_host_bridge *bridge;
	int bar;
	bool was_safe;		/* the bridge's verdict before the test */
	bool files_redone;	/* the device's sysfs files were re-created */
};

/* The first device with a memory BAR of at least a page, referenced. */
static int nc_find_bar(struct nc_bar *b, unsigned long flags)
{
	struct pci_dev *pdev = NULL;
	int i;

	for_each_pci_dev(pdev) {
		for (i = 0; i < PCI_STD_NUM_BARS; i++) {
			if ((pci_resource_flags(pdev, i) & flags) == flags &&
			    pci_resource_start(pdev, i) &&
			    pci_resource_len(pdev, i) >= PAGE_SIZE) {
				b->pdev = pdev;
				b->bar = i;
				return 0;
			}
		}
	}
	return -ENODEV;
}

static void nc_set_verdict(struct nc_bar *b, bool safe)
{
	assign_bit(PCI_NC_MMIO_SAFE, &b->bridge->nc_mmio_flags, safe);
}

/* Each consumer case runs once per verdict: unsafe, then safe. */
static const bool nc_verdicts[] = { false, true };

static void nc_verdict_desc(const bool *safe, char *desc)
{
	strscpy(desc, *safe ? "safe" : "unsafe", KUNIT_PARAM_DESC_SIZE);
}

KUNIT_ARRAY_PARAM(nc_verdict, nc_verdicts, nc_verdict_desc);

static int nc_consumers_init(struct kunit *test)
{
	const bool *safe = test->param_value;
	struct nc_bar *b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, b);
	if (nc_find_bar(b, IORESOURCE_MEM | IORESOURCE_PREFETCH) &&
	    nc_find_bar(b, IORESOURCE_MEM))
		kunit_skip(test, "no PCI device with a memory BAR");
	test->priv = b;
	b->bridge = pci_find_host_bridge(b->pdev->bus);
	b->was_safe = pci_nc_mmio_safe(b->pdev);
	if (safe)
		nc_set_verdict(b, *safe);
	return 0;
}

/* The device's sysfs files as pci_bus_add_device() creates them. */
static int nc_redo_files(struct nc_bar *b)
{
	pci_remove_sysfs_dev_files(b->pdev);
	/* It frees the resource attributes but leaves the pointers */
	memset(b->pdev->res_attr, 0, sizeof(b->pdev->res_attr));
	memset(b->pdev->res_attr_wc, 0, sizeof(b->pdev->res_attr_wc));
	b->files_redone = true;
	return pci_create_sysfs_dev_files(b->pdev);
}

static void nc_consumers_exit(struct kunit *test)
{
	struct nc_bar *b = test->priv;

	if (!b)
		return;
	nc_set_verdict(b, b->was_safe);
	if (b->files_redone && nc_redo_files(b))
		kunit_err(test, "%s: could not re-create sysfs files\n",
			  pci_name(b->pdev));
	pci_dev_put(b->pdev);
}

static bool nc_param_safe(struct kunit *test)
{
	return *(const bool *)test->param_value;
}

/* resourceN_wc exists exactly when write-combining is safe. */
static void nc_sysfs_resource_wc(struct kunit *test)
{
	struct nc_bar *b = test->priv;
	struct kernfs_node *kn;
	char name[16];

	if (!(pci_resource_flags(b->pdev, b->bar) & IORESOURCE_PREFETCH))
		kunit_skip(test, "no prefetchable BAR");
	if (!IS_ENABLED(CONFIG_ARM64))
		kunit_skip(test, "the per-bridge answer is arm64's");

	KUNIT_ASSERT_EQ(test, 0, nc_redo_files(b));
	snprintf(name, sizeof(name), "resource%d_wc", b->bar);
	kn = sysfs_get_dirent(b->pdev->dev.kobj.sd, name);
	KUNIT_EXPECT_EQ_MSG(test, !!kn, nc_param_safe(test), "%s/%s",
			    pci_name(b->pdev), name);
	sysfs_put(kn);
	/* The plain file is there either way. */
	name[strlen(name) - 3] = '\0';
	kn = sysfs_get_dirent(b->pdev->dev.kobj.sd, name);
	KUNIT_EXPECT_NOT_NULL(test, kn);
	sysfs_put(kn);
}

#ifdef CONFIG_ARM64
/* The memory attribute index of the kernel mapping of @addr, or -1. */
static int nc_attr_of(unsigned long addr)
{
	pgd_t *pgdp = pgd_offset_k(addr);
	p4d_t *p4dp, p4d;
	pud_t *pudp, pud;
	pmd_t *pmdp, pmd;
	u64 val;

	p4dp = p4d_offset(pgdp, addr);
	p4d = p4dp_get(p4dp);
	if (p4d_none(p4d))
		return -1;
	pudp = pud_offset(p4dp, addr);
	pud = pudp_get(pudp);
	if (pud_none(pud))
		return -1;
	if (pud_leaf(pud)) {
		val = pud_val(pud);
		goto out;
	}
	pmdp = pmd_offset(pudp, addr);
	pmd = pmdp_get(pmdp);
	if (pmd_none(pmd))
		return -1;
	if (pmd_leaf(pmd)) {
		val = pmd_val(pmd);
		goto out;
	}
	val = pte_val(ptep_get(pte_offset_kernel(pmdp, addr)));
out:
	return (val & PTE_ATTRINDX_MASK) >> 2;
}

/*
 * The attribute index the test's verdict calls for: that of a
 * write-combining (Normal-NC) or of a Device mapping.
 */
static int nc_want_attr(struct kunit *test)
{
	pgprot_t prot = nc_param_safe(test) ? pgprot_writecombine(PAGE_KERNEL) :
			pgprot_device(PAGE_KERNEL);

	return (pgprot_val(prot) & PTE_ATTRINDX_MASK) >> 2;
}
#endif

static void nc_arch_can_mmap_wc(struct kunit *test)
{
	struct pci_dev *pdev = ((struct nc_bar *)test->priv)->pdev;

	if (!IS_ENABLED(CONFIG_ARM64))
		kunit_skip(test, "the per-bridge answer is arm64's");
	KUNIT_EXPECT_EQ(test, arch_can_pci_mmap_wc(pdev), nc_param_safe(test));
}

static void nc_iomap_wc(struct kunit *test)
{
#ifdef CONFIG_ARM64
	struct nc_bar *b = test->priv;
	struct pci_dev *pdev = b->pdev;
	void __iomem *p;

	p = pci_iomap_wc(pdev, b->bar, PAGE_SIZE);
	KUNIT_ASSERT_TRUE_MSG(test, p, "pci_iomap_wc() failed");
	KUNIT_EXPECT_EQ(test, nc_attr_of((unsigned long)p), nc_want_attr(test));
	pci_iounmap(pdev, p);

	p = pci_ioremap_wc_bar(pdev, b->bar);
	KUNIT_ASSERT_TRUE_MSG(test, p, "pci_ioremap_wc_bar() failed");
	KUNIT_EXPECT_EQ(test, nc_attr_of((unsigned long)p), nc_want_attr(test));
	iounmap(p);
#else
	kunit_skip(test, "reads arm64 page-table attributes");
#endif
}

static void nc_pgprot_writecombine(struct kunit *test)
{
#ifdef CONFIG_ARM64
	struct pci_dev *pdev = ((struct nc_bar *)test->priv)->pdev;
	pgprot_t prot = pci_pgprot_writecombine(pdev, PAGE_KERNEL);

	KUNIT_EXPECT_EQ(test, (pgprot_val(prot) & PTE_ATTRINDX_MASK) >> 2,
			nc_want_attr(test));
#else
	kunit_skip(test, "reads arm64 memory attributes");
#endif
}

static void nc_vfio_vm_flags(struct kunit *test)
{
#if IS_BUILTIN(CONFIG_VFIO_PCI_CORE)
	struct pci_dev *pdev = ((struct nc_bar *)test->priv)->pdev;
	vm_flags_t flags = vfio_pci_core_bar_vm_flags(pdev);

	KUNIT_EXPECT_EQ(test, !!(flags & VM_ALLOW_ANY_UNCACHED),
			nc_param_safe(test));
	KUNIT_EXPECT_TRUE(test, flags & VM_IO);
#else
	kunit_skip(test, "needs vfio-pci built in");
#endif
}

static struct kunit_case nc_consumers_cases[] = {
	KUNIT_CASE_PARAM(nc_sysfs_resource_wc, nc_verdict_gen_params),
	KUNIT_CASE_PARAM(nc_arch_can_mmap_wc, nc_verdict_gen_params),
	KUNIT_CASE_PARAM(nc_iomap_wc, nc_verdict_gen_params),
	KUNIT_CASE_PARAM(nc_pgprot_writecombine, nc_verdict_gen_params),
	KUNIT_CASE_PARAM(nc_vfio_vm_flags, nc_verdict_gen_params),
	{}
};

static struct kunit_suite nc_consumers_suite = {
	.name = "pci_normal_nc_mmio_consumers",
	.init = nc_consumers_init,
	.exit = nc_consumers_exit,
	.test_cases = nc_consumers_cases,
};

#ifdef CONFIG_PCI_NORMAL_NC_MMIO_KUNIT_BENCH
/* ------------------------------------------------------------------------
 * What a cached lookup costs: arch_can_pci_mmap_wc(pdev) per call, next to
 * a plain load of a bool. Figures only; nothing is asserted about them.
 */
#define NC_BENCH_CALLS	100000
#define NC_BENCH_RUNS	21

static bool nc_bench_flag = true;

static int nc_cmp_u64(const void *a, const void *b)
{
	u64 x = *(const u64 *)a, y = *(const u64 *)b;

	return (x > y) - (x < y);
}

/* Print median, min and max in ns per call, one decimal. */
static void nc_bench_report(struct kunit *test, const char *what, u64 *t)
{
	sort(t, NC_BENCH_RUNS, sizeof(*t), nc_cmp_u64, NULL);
#define NC_PS(x) ((x) * 1000 / NC_BENCH_CALLS)
	kunit_info(test, "nc_mmio_bench: %s: median %llu.%llu ns min %llu.%llu max %llu.%llu (%d calls x %d runs)\n",
		   what,
		   NC_PS(t[NC_BENCH_RUNS / 2]) / 1000, NC_PS(t[NC_BENCH_RUNS / 2]) % 1000 / 100,
		   NC_PS(t[0]) / 1000, NC_PS(t[0]) % 1000 / 100,
		   NC_PS(t[NC_BENCH_RUNS - 1]) / 1000,
		   NC_PS(t[NC_BENCH_RUNS - 1]) % 1000 / 100,
		   NC_BENCH_CALLS, NC_BENCH_RUNS);
#undef NC_PS
}

static void nc_bench_lookup(struct kunit *test)
{
	struct pci_dev *pdev = ((struct nc_bar *)test->priv)->pdev;
	u64 *lookup, *load, t0;
	unsigned int sink = 0;
	int r, i;

	lookup = kunit_kcalloc(test, NC_BENCH_RUNS, sizeof(u64), GFP_KERNEL);
	load = kunit_kcalloc(test, NC_BENCH_RUNS, sizeof(u64), GFP_KERNEL);
	KUNIT_ASSERT_NOT_NULL(test, lookup);
	KUNIT_ASSERT_NOT_NULL(test, load);
	for (r = 0; r < NC_BENCH_RUNS; r++) {
		t0 = ktime_get_ns();
		for (i = 0; i < NC_BENCH_CALLS; i++)
			sink += arch_can_pci_mmap_wc(pdev);
		lookup[r] = ktime_get_ns() - t0;
		t0 = ktime_get_ns();
		for (i = 0; i < NC_BENCH_CALLS; i++)
			sink += READ_ONCE(nc_bench_flag);
		load[r] = ktime_get_ns() - t0;
	}
	nc_bench_report(test, "arch_can_pci_mmap_wc(pdev)", lookup);
	nc_bench_report(test, "plain bool load", load);
	KUNIT_EXPECT_GT(test, sink, 0U);
}

static struct kunit_case nc_bench_cases[] = {
	KUNIT_CASE(nc_bench_lookup),
	{}
};

static struct kunit_suite nc_bench_suite = {
	.name = "normal_nc_mmio_bench",
	.init = nc_consumers_init,
	.exit = nc_consumers_exit,
	.test_cases = nc_bench_cases,
};

kunit_test_suites(&nc_test_suite, &nc_soc_id_suite, &nc_consumers_suite,
		  &nc_bench_suite);
#else
kunit_test_suites(&nc_test_suite, &nc_soc_id_suite, &nc_consumers_suite);
#endif

MODULE_DESCRIPTION("KUnit tests for PCI normal-nc-mmio");
MODULE_LICENSE("GPL");
