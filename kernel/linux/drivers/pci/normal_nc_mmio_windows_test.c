// SPDX-License-Identifier: GPL-2.0
/*
 * KUnit tests for the table of unsafe host bridges' memory windows that
 * write-combining mappings are looked up in (normal_nc_mmio_windows.c),
 * and for the lookups and arm64 PFN-map hooks that use the live table.
 */

#include <kunit/test.h>
#include <linux/bits.h>
#include <linux/err.h>
#include <linux/ioport.h>
#include <linux/mm.h>
#include <linux/pci-nc-mmio.h>
#include <linux/pfn_t.h>
#include <linux/pgtable.h>
#include <linux/range.h>
#include <linux/sizes.h>
#include <linux/slab.h>

#include "normal_nc_mmio_windows.h"

static struct nc_mmio_unsafe_bridge bridge_a, bridge_b;

/* The bridge owning a window that overlaps [start, end], or NULL. */
static struct nc_mmio_unsafe_bridge *
owner(const struct nc_mmio_windows *t, phys_addr_t start, phys_addr_t end)
{
	const struct nc_mmio_window *w = nc_mmio_windows_find(t, start, end);

	return w ? w->bridge : NULL;
}

static struct nc_mmio_windows *
add_windows(struct kunit *test, struct nc_mmio_windows *old,
	    struct nc_mmio_unsafe_bridge *b, const struct range *r,
	    unsigned int n)
{
	struct nc_mmio_windows *t = nc_mmio_windows_add(old, b, r, n);

	KUNIT_ASSERT_NOT_NULL(test, t);
	kfree(old);
	return t;
}

static void nc_mmio_windows_test_empty(struct kunit *test)
{
	KUNIT_EXPECT_NULL(test, nc_mmio_windows_find(NULL, 0, ~(phys_addr_t)0));
}

static void nc_mmio_windows_test_edges(struct kunit *test)
{
	static const struct range r[] = { { 0x10000000, 0x1fffffff } };
	struct nc_mmio_windows *t = add_windows(test, NULL, &bridge_a, r, 1);

	/* adjacent below and above: outside */
	KUNIT_EXPECT_NULL(test, owner(t, 0x0fff0000, 0x0fffffff));
	KUNIT_EXPECT_NULL(test, owner(t, 0x20000000, 0x2000ffff));
	/* one byte in, at either end */
	KUNIT_EXPECT_PTR_EQ(test, owner(t, 0x0fff0000, 0x10000000), &bridge_a);
	KUNIT_EXPECT_PTR_EQ(test, owner(t, 0x1fffffff, 0x2000ffff), &bridge_a);
	/* inside, and covering the whole window */
	KUNIT_EXPECT_PTR_EQ(test, owner(t, 0x18000000, 0x18000fff), &bridge_a);
	KUNIT_EXPECT_PTR_EQ(test, owner(t, 0x0, 0xffffffff), &bridge_a);
	kfree(t);
}

static void nc_mmio_windows_test_64bit(struct kunit *test)
{
	static const struct range r[] = { { 0x8000000000ULL, 0x80ffffffffULL } };
	struct nc_mmio_windows *t;

	if (sizeof(phys_addr_t) < sizeof(u64))
		kunit_skip(test, "32-bit phys_addr_t");
	t = add_windows(test, NULL, &bridge_a, r, 1);
	KUNIT_EXPECT_NULL(test, owner(t, 0x7ffffff000ULL, 0x7fffffffffULL));
	KUNIT_EXPECT_NULL(test, owner(t, 0x8100000000ULL, 0x8100000fffULL));
	/* the same low 32 bits, below the window */
	KUNIT_EXPECT_NULL(test, owner(t, 0x0, 0xfff));
	KUNIT_EXPECT_PTR_EQ(test, owner(t, 0x8000000000ULL, 0x8000000fffULL),
			    &bridge_a);
	KUNIT_EXPECT_PTR_EQ(test, owner(t, 0x80fffff000ULL, 0x8100000fffULL),
			    &bridge_a);
	kfree(t);
}

static void nc_mmio_windows_test_bridges(struct kunit *test)
{
	static const struct range ra[] = {
		{ 0x8000000000ULL, 0xffffffffffULL },
		{ 0x10000000, 0x3effffff },
	};
	static const struct range rb[] = { { 0x40000000, 0x4fffffff } };
	struct nc_mmio_windows *t;

	t = add_windows(test, NULL, &bridge_a, ra, ARRAY_SIZE(ra));
	t = add_windows(test, t, &bridge_b, rb, ARRAY_SIZE(rb));
	KUNIT_ASSERT_EQ(test, t->nr, 3);
	/* sorted whatever the order they came in */
	KUNIT_EXPECT_LT(test, t->w[0].start, t->w[1].start);
	KUNIT_EXPECT_LT(test, t->w[1].start, t->w[2].start);

	KUNIT_EXPECT_PTR_EQ(test, owner(t, 0x10000000, 0x10000fff), &bridge_a);
	KUNIT_EXPECT_PTR_EQ(test, owner(t, 0x40000000, 0x40000fff), &bridge_b);
	KUNIT_EXPECT_PTR_EQ(test, owner(t, 0x9000000000ULL, 0x9000000fffULL),
			    &bridge_a);
	/* the gap between a's low window and b's, adjacent to both */
	KUNIT_EXPECT_NULL(test, owner(t, 0x3f000000, 0x3fffffff));
	/* a range spanning the gap reaches both: either answer is unsafe */
	KUNIT_EXPECT_NOT_NULL(test, owner(t, 0x3effffff, 0x40000000));
	kfree(t);
}

static void nc_mmio_windows_test_remove(struct kunit *test)
{
	static const struct range ra[] = { { 0x10000000, 0x1fffffff } };
	static const struct range rb[] = { { 0x20000000, 0x2fffffff } };
	struct nc_mmio_windows *t, *u;

	t = add_windows(test, NULL, &bridge_a, ra, 1);
	t = add_windows(test, t, &bridge_b, rb, 1);

	u = nc_mmio_windows_remove(t, &bridge_a);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, u);
	kfree(t);
	KUNIT_EXPECT_EQ(test, u->nr, 1);
	KUNIT_EXPECT_NULL(test, owner(u, 0x10000000, 0x10000fff));
	KUNIT_EXPECT_PTR_EQ(test, owner(u, 0x20000000, 0x20000fff), &bridge_b);

	/* removing a bridge that has no window changes nothing */
	t = nc_mmio_windows_remove(u, &bridge_a);
	KUNIT_ASSERT_NOT_ERR_OR_NULL(test, t);
	KUNIT_EXPECT_EQ(test, t->nr, 1);
	kfree(t);

	/* the last bridge gone: no table */
	t = nc_mmio_windows_remove(u, &bridge_b);
	KUNIT_EXPECT_NULL(test, t);
	kfree(u);
}

/* Windows should not overlap; if they do, no overlap may be missed. */
static void nc_mmio_windows_test_overlap(struct kunit *test)
{
	static const struct range ra[] = { { 0x0, 0xffffff } };
	static const struct range rb[] = { { 0x1000, 0x1fff } };
	struct nc_mmio_windows *t;

	t = add_windows(test, NULL, &bridge_a, ra, 1);
	t = add_windows(test, t, &bridge_b, rb, 1);
	KUNIT_EXPECT_PTR_EQ(test, owner(t, 0x100000, 0x100fff), &bridge_a);
	KUNIT_EXPECT_PTR_EQ(test, owner(t, 0x1000, 0x1000), &bridge_b);
	KUNIT_EXPECT_NULL(test, owner(t, 0x1000000, 0x1000fff));
	kfree(t);
}

/* A window that ends at the last physical address. */
static void nc_mmio_windows_test_top(struct kunit *test)
{
	const phys_addr_t top = ~(phys_addr_t)0;
	const struct range r[] = { { top - 0xffff, top } };
	struct nc_mmio_windows *t = add_windows(test, NULL, &bridge_a, r, 1);

	KUNIT_EXPECT_PTR_EQ(test, owner(t, top, top), &bridge_a);
	KUNIT_EXPECT_PTR_EQ(test, owner(t, top - 0xffff, top - 0xf000),
			    &bridge_a);
	KUNIT_EXPECT_PTR_EQ(test, owner(t, 0, top), &bridge_a);
	KUNIT_EXPECT_NULL(test, owner(t, top - 0x1ffff, top - 0x10000));
	KUNIT_EXPECT_NULL(test, owner(t, 0, 0xfff));
	kfree(t);
}

/*
 * 64 windows with gaps, added one bridge at a time in a scrambled order:
 * each window is found at both ends and no gap is, which walks the binary
 * search through every position of the table.
 */
#define NR_MANY		64
#define MANY_STEP	0x20000000ULL
#define MANY_SIZE	0x10000000ULL

static void nc_mmio_windows_test_many(struct kunit *test)
{
	static struct nc_mmio_unsafe_bridge b[NR_MANY];
	struct nc_mmio_windows *t = NULL;
	struct range r;
	phys_addr_t base;
	unsigned int i, k;

	if (sizeof(phys_addr_t) < sizeof(u64))
		kunit_skip(test, "32-bit phys_addr_t");
	for (k = 0; k < NR_MANY; k++) {
		i = (k * 37) % NR_MANY;		/* 37 is prime to 64 */
		r.start = i * MANY_STEP;
		r.end = r.start + MANY_SIZE - 1;
		t = add_windows(test, t, &b[i], &r, 1);
	}
	KUNIT_ASSERT_EQ(test, t->nr, NR_MANY);
	for (i = 0; i < NR_MANY; i++) {
		base = i * MANY_STEP;
		KUNIT_EXPECT_PTR_EQ(test, owner(t, base, base), &b[i]);
		KUNIT_EXPECT_PTR_EQ(test, owner(t, base + MANY_SIZE - 1,
						base + MANY_SIZE - 1), &b[i]);
		KUNIT_EXPECT_NULL(test, owner(t, base + MANY_SIZE,
					      base + MANY_STEP - 1));
	}
	kfree(t);
}

/* Malformed windows never go into the table. */
static void nc_mmio_windows_test_valid(struct kunit *test)
{
	struct resource zero_at_0 = DEFINE_RES_MEM(0, 0);	/* [0, -1] */
	struct resource zero = DEFINE_RES_MEM(0x10000000, 0);
	struct resource reversed = DEFINE_RES_MEM(0x20000000, 0x1000);
	struct resource byte = DEFINE_RES_MEM(0x10000000, 1);
	struct resource low_4g = DEFINE_RES_MEM(0, SZ_4G);
	const phys_addr_t top = ~(phys_addr_t)0;
	struct resource last = DEFINE_RES_MEM(top - 0xfff, 0x1000);

	reversed.end = 0x10000000;
	KUNIT_EXPECT_FALSE(test, nc_mmio_window_valid(&zero_at_0));
	KUNIT_EXPECT_FALSE(test, nc_mmio_window_valid(&zero));
	KUNIT_EXPECT_FALSE(test, nc_mmio_window_valid(&reversed));
	KUNIT_EXPECT_TRUE(test, nc_mmio_window_valid(&byte));
	KUNIT_EXPECT_TRUE(test, nc_mmio_window_valid(&low_4g));
	KUNIT_EXPECT_TRUE(test, nc_mmio_window_valid(&last));
}

/*
 * The live table, as the mapping paths see it: an unsafe bridge of the
 * test's own, with one window at NC_TEST_X + PMD_SIZE, far above any
 * memory or device of the machine. Its downgrades are not logged
 * (@logged is set): the QEMU tests count the boot's log lines.
 */
#define NC_TEST_X	BIT_ULL(46)

static struct nc_mmio_unsafe_bridge live_bridge = {
	.key = &live_bridge,
	.logged = ATOMIC_INIT(1),
};

static const struct range live_window[] = {
	{ NC_TEST_X + PMD_SIZE, NC_TEST_X + 2 * PMD_SIZE - 1 },
};

static void live_withdraw(void *key)
{
	nc_mmio_windows_withdraw(key);
}

static void live_publish(struct kunit *test)
{
	if (sizeof(phys_addr_t) < sizeof(u64))
		kunit_skip(test, "32-bit phys_addr_t");
	KUNIT_ASSERT_EQ(test, nc_mmio_windows_publish(&live_bridge, live_window,
						      ARRAY_SIZE(live_window)), 0);
	KUNIT_ASSERT_EQ(test, kunit_add_action_or_reset(test, live_withdraw,
							&live_bridge), 0);
}

/* A range that wraps around the top is not a range: fail closed. */
static void nc_mmio_windows_test_wrap(struct kunit *test)
{
	const phys_addr_t top = ~(phys_addr_t)0;

	live_publish(test);
	KUNIT_EXPECT_TRUE(test, pci_nc_mmio_unsafe(top - 0xfff, 0x2000));
	KUNIT_EXPECT_TRUE(test, pci_nc_mmio_downgrade(top, 2));
	KUNIT_EXPECT_TRUE(test, __pci_nc_mmio_unsafe(0x2000, 0x1fff));
	/* the last page, not wrapping, and an empty range: outside */
	KUNIT_EXPECT_FALSE(test, pci_nc_mmio_unsafe(top - 0xfff, 0x1000));
	KUNIT_EXPECT_FALSE(test, pci_nc_mmio_unsafe(live_window[0].start, 0));
	/* the window itself, at either end */
	KUNIT_EXPECT_TRUE(test, pci_nc_mmio_unsafe(live_window[0].start, 1));
	KUNIT_EXPECT_TRUE(test, pci_nc_mmio_unsafe(live_window[0].end, 1));
	KUNIT_EXPECT_FALSE(test, pci_nc_mmio_unsafe(live_window[0].end + 1,
						    PAGE_SIZE));
}

/* Withdrawn (root bus removed), the window is no longer unsafe. */
static void nc_mmio_windows_test_withdraw(struct kunit *test)
{
	live_publish(test);
	KUNIT_EXPECT_TRUE(test, pci_nc_mmio_unsafe(live_window[0].start, 1));
	KUNIT_EXPECT_PTR_EQ(test, nc_mmio_windows_withdraw(&live_bridge),
			    &live_bridge);
	KUNIT_EXPECT_FALSE(test, pci_nc_mmio_unsafe(live_window[0].start, 1));
	KUNIT_EXPECT_NULL(test, nc_mmio_windows_withdraw(&live_bridge));
}

#ifdef CONFIG_ARM64
static int attr_of(pgprot_t prot)
{
	return (pgprot_val(prot) & PTE_ATTRINDX_MASK) >> 2;
}

/* What track_pfn_insert() makes of a write-combining insert into @vma. */
static int insert_attr(struct vm_area_struct *vma, phys_addr_t phys)
{
	pgprot_t prot = pgprot_writecombine(PAGE_SHARED);

	track_pfn_insert(vma, &prot, phys_to_pfn_t(phys, PFN_DEV));
	return attr_of(prot);
}

static vm_fault_t huge_fault(struct vm_fault *vmf, unsigned int order)
{
	return VM_FAULT_FALLBACK;
}

static const struct vm_operations_struct huge_vm_ops = {
	.huge_fault = huge_fault,
};

/* What track_pfn_remap() makes of a write-combining remap of @size. */
static int remap_attr(struct kunit *test, phys_addr_t phys,
		      unsigned long size)
{
	pgprot_t prot = pgprot_writecombine(PAGE_SHARED);

	KUNIT_EXPECT_EQ(test, track_pfn_remap(NULL, &prot, PHYS_PFN(phys), 0,
					      size), 0);
	return attr_of(prot);
}

/*
 * The hooks check what is mapped: a page, or the PMD a VMA with huge
 * faults may insert at a PMD-aligned PFN. Page X (and the PMD at X) end
 * where the window at X + PMD_SIZE starts, and stay Normal-NC; before, a
 * page inserted at an aligned X was checked as the largest aligned block
 * there, up to 1 GiB, and made Device.
 */
static void nc_mmio_windows_test_pfn_hooks(struct kunit *test)
{
	const int nc = attr_of(pgprot_writecombine(PAGE_SHARED));
	const int dev = attr_of(pgprot_device(PAGE_SHARED));
	struct vm_area_struct huge = { .vm_ops = &huge_vm_ops };
	const phys_addr_t x = NC_TEST_X;

	KUNIT_ASSERT_NE(test, nc, dev);
	live_publish(test);
	/* pages */
	KUNIT_EXPECT_EQ(test, insert_attr(NULL, x), nc);
	KUNIT_EXPECT_EQ(test, insert_attr(NULL, x + PMD_SIZE - PAGE_SIZE), nc);
	KUNIT_EXPECT_EQ(test, insert_attr(NULL, x + PMD_SIZE), dev);
	KUNIT_EXPECT_EQ(test, insert_attr(NULL, x + 2 * PMD_SIZE - PAGE_SIZE),
			dev);
	KUNIT_EXPECT_EQ(test, insert_attr(NULL, x + 2 * PMD_SIZE), nc);
	/* PMDs, and a page that is not PMD-aligned, in a huge-fault VMA */
	KUNIT_EXPECT_EQ(test, insert_attr(&huge, x), nc);
	KUNIT_EXPECT_EQ(test, insert_attr(&huge, x + PMD_SIZE), dev);
	KUNIT_EXPECT_EQ(test, insert_attr(&huge, x + 2 * PMD_SIZE), nc);
	KUNIT_EXPECT_EQ(test, insert_attr(&huge, x + PMD_SIZE - PAGE_SIZE), nc);

	KUNIT_EXPECT_EQ(test, remap_attr(test, x, PMD_SIZE), nc);
	KUNIT_EXPECT_EQ(test, remap_attr(test, x + PMD_SIZE - PAGE_SIZE,
					 2 * PAGE_SIZE), dev);
	KUNIT_EXPECT_EQ(test, remap_attr(test, x + 2 * PMD_SIZE, PAGE_SIZE),
			nc);
}
#else
static void nc_mmio_windows_test_pfn_hooks(struct kunit *test)
{
	kunit_skip(test, "the PFN-map hooks are arm64's");
}
#endif

static struct kunit_case nc_mmio_windows_test_cases[] = {
	KUNIT_CASE(nc_mmio_windows_test_empty),
	KUNIT_CASE(nc_mmio_windows_test_edges),
	KUNIT_CASE(nc_mmio_windows_test_64bit),
	KUNIT_CASE(nc_mmio_windows_test_bridges),
	KUNIT_CASE(nc_mmio_windows_test_remove),
	KUNIT_CASE(nc_mmio_windows_test_overlap),
	KUNIT_CASE(nc_mmio_windows_test_top),
	KUNIT_CASE(nc_mmio_windows_test_many),
	KUNIT_CASE(nc_mmio_windows_test_valid),
	KUNIT_CASE(nc_mmio_windows_test_wrap),
	KUNIT_CASE(nc_mmio_windows_test_withdraw),
	KUNIT_CASE(nc_mmio_windows_test_pfn_hooks),
	{}
};

static struct kunit_suite nc_mmio_windows_test_suite = {
	.name = "pci_normal_nc_mmio_windows",
	.test_cases = nc_mmio_windows_test_cases,
};

kunit_test_suite(nc_mmio_windows_test_suite);

MODULE_DESCRIPTION("KUnit tests for the normal-nc-mmio window lookup");
MODULE_LICENSE("GPL");
MODULE_IMPORT_NS(EXPORTED_FOR_KUNIT_TESTING);
