// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for normal-nc-mmio.
 *
 * pci_normal_nc_mmio: the parser and the shared rules on real devicetree
 * nodes, added by an overlay (normal_nc_mmio_test.dtso): every rule, every
 * pair of competing rules, every invalid value form.
 *
 * pci_normal_nc_mmio_consumers: on a real device of the running system,
 * every user of the verdict agrees with it: arch_can_pci_mmap_wc(),
 * pci_iomap_wc(), pci_ioremap_wc_bar(), pci_pgprot_writecombine() and the
 * vfio-pci VMA flags (arm64 memory attributes are read back from the page
 * tables).
 */
#include <linux/io.h>
#include <linux/ktime.h>
#include <linux/of.h>
#include <linux/pci.h>
#include <linux/pgtable.h>
#include <linux/sort.h>
#include <linux/vfio_pci_core.h>

#include <kunit/of.h>
#include <kunit/test.h>

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

/* Resolve one bridge with its case node as the root of the walk. */
static void nc_resolve_case(struct kunit *test)
{
	const struct nc_case *c = test->param_value;
	struct device_node *top = nc_test_node(test, c->name, NULL);
	struct device_node *br = nc_test_node(test, c->name, c->bridge);
	enum nc_mmio_verdict want = (int)c->verdict < 0 ? nc_default : c->verdict;
	const char *src = c->source;
	struct pci_nc_mmio nc;
	char fw[160];

	if (str_has_prefix(src, "firmware:")) {
		snprintf(fw, sizeof(fw), "firmware:" TEST_ROOT "%s%s%s",
			 c->name, src[9] ? "/" : "", src + 9);
		src = fw;
	}

	KUNIT_ASSERT_EQ(test, 0, pci_nc_mmio_resolve(&nc, of_fwnode_handle(br),
						     of_fwnode_handle(top),
						     c->param));
	KUNIT_EXPECT_EQ(test, nc.decision.verdict, want);
	KUNIT_EXPECT_STREQ(test, nc.source, src);
	pci_nc_mmio_release(&nc);
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
	struct pci_nc_mmio nc;

	KUNIT_ASSERT_EQ(test, 0, pci_nc_mmio_resolve(&nc, NULL, NULL, ABSENT));
	KUNIT_EXPECT_EQ(test, nc.decision.verdict, nc_default);
	KUNIT_EXPECT_STREQ(test, nc.source, "default");
	pci_nc_mmio_release(&nc);
}

static struct kunit_case nc_test_cases[] = {
	KUNIT_CASE_PARAM(nc_resolve_case, nc_case_gen_params),
	KUNIT_CASE(nc_read_values),
	KUNIT_CASE(nc_param_values),
	KUNIT_CASE(nc_no_fwnode),
	{}
};

static struct kunit_suite nc_test_suite = {
	.name = "pci_normal_nc_mmio",
	.init = nc_test_init,
	.test_cases = nc_test_cases,
};

/* ------------------------------------------------------------------------
 * The users of the verdict, on the first memory BAR of a real device.
 */

struct nc_bar {
	struct pci_dev *pdev;
	int bar;
};

/* The first device with a memory BAR of at least a page, referenced. */
static int nc_find_bar(struct nc_bar *b)
{
	struct pci_dev *pdev = NULL;
	int i;

	for_each_pci_dev(pdev) {
		for (i = 0; i < PCI_STD_NUM_BARS; i++) {
			if ((pci_resource_flags(pdev, i) & IORESOURCE_MEM) &&
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

static int nc_consumers_init(struct kunit *test)
{
	struct nc_bar *b = kunit_kzalloc(test, sizeof(*b), GFP_KERNEL);

	KUNIT_ASSERT_NOT_NULL(test, b);
	if (nc_find_bar(b))
		kunit_skip(test, "no PCI device with a memory BAR");
	test->priv = b;
	kunit_info(test, "%s BAR %d: host bridge verdict %s\n",
		   pci_name(b->pdev), b->bar,
		   pci_nc_mmio_safe(b->pdev) ? "safe" : "unsafe");
	return 0;
}

static void nc_consumers_exit(struct kunit *test)
{
	struct nc_bar *b = test->priv;

	if (b)
		pci_dev_put(b->pdev);
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

/* The attribute index of a write-combining or else of a Device mapping. */
static int nc_want_attr(struct pci_dev *pdev)
{
	pgprot_t prot = pci_nc_mmio_safe(pdev) ?
			pgprot_writecombine(PAGE_KERNEL) : pgprot_device(PAGE_KERNEL);

	return (pgprot_val(prot) & PTE_ATTRINDX_MASK) >> 2;
}
#endif

static void nc_arch_can_mmap_wc(struct kunit *test)
{
	struct pci_dev *pdev = ((struct nc_bar *)test->priv)->pdev;

	if (!IS_ENABLED(CONFIG_ARM64))
		kunit_skip(test, "the per-bridge answer is arm64's");
	KUNIT_EXPECT_EQ(test, arch_can_pci_mmap_wc(pdev), pci_nc_mmio_safe(pdev));
}

static void nc_iomap_wc(struct kunit *test)
{
#ifdef CONFIG_ARM64
	struct nc_bar *b = test->priv;
	struct pci_dev *pdev = b->pdev;
	void __iomem *p;

	p = pci_iomap_wc(pdev, b->bar, PAGE_SIZE);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_EQ(test, nc_attr_of((unsigned long)p), nc_want_attr(pdev));
	pci_iounmap(pdev, p);

	p = pci_ioremap_wc_bar(pdev, b->bar);
	KUNIT_ASSERT_NOT_NULL(test, p);
	KUNIT_EXPECT_EQ(test, nc_attr_of((unsigned long)p), nc_want_attr(pdev));
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
			nc_want_attr(pdev));
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
			pci_nc_mmio_safe(pdev));
	KUNIT_EXPECT_TRUE(test, flags & VM_IO);
#else
	kunit_skip(test, "needs vfio-pci built in");
#endif
}

static struct kunit_case nc_consumers_cases[] = {
	KUNIT_CASE(nc_arch_can_mmap_wc),
	KUNIT_CASE(nc_iomap_wc),
	KUNIT_CASE(nc_pgprot_writecombine),
	KUNIT_CASE(nc_vfio_vm_flags),
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

kunit_test_suites(&nc_test_suite, &nc_consumers_suite, &nc_bench_suite);
#else
kunit_test_suites(&nc_test_suite, &nc_consumers_suite);
#endif

MODULE_DESCRIPTION("KUnit tests for PCI normal-nc-mmio");
MODULE_LICENSE("GPL");
