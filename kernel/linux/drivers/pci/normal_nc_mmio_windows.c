// SPDX-License-Identifier: GPL-2.0
/*
 * normal-nc-mmio enforced by physical address.
 *
 * Drivers map PCI memory write-combining without asking the PCI core:
 * ioremap_wc(), memremap(MEMREMAP_WC), pgprot_writecombine() on a user
 * mapping. To hold the verdict of an unsafe host bridge against all of
 * them, the memory windows of every unsafe host bridge are kept here, and
 * the architecture's mapping paths turn a Normal-NC mapping that overlaps
 * one of them into a Device mapping (pci_nc_mmio_downgrade(), which also
 * reports it; pci_nc_mmio_unsafe() only looks up).
 *
 * The table is a sorted array, searched in O(log n) under RCU, replaced
 * as a whole under a mutex when a bridge comes or goes (rare: at boot, on
 * hot-plug and on removal of a host bridge's root bus). A static key
 * keeps the lookup out of every mapping path while no host bridge is
 * unsafe.
 *
 * See Documentation/PCI/normal-nc-mmio.rst.
 */

#include <linux/device.h>
#include <linux/err.h>
#include <linux/ioport.h>
#include <linux/mutex.h>
#include <linux/overflow.h>
#include <linux/pci.h>
#include <linux/pci-nc-mmio.h>
#include <linux/printk.h>
#include <linux/rcupdate.h>
#include <linux/resource_ext.h>
#include <linux/sched.h>
#include <linux/slab.h>
#include <linux/sort.h>

#include <kunit/visibility.h>

#include "normal_nc_mmio_windows.h"

DEFINE_STATIC_KEY_FALSE(pci_nc_mmio_unsafe_windows);

static struct nc_mmio_windows __rcu *nc_mmio_windows;
static DEFINE_MUTEX(nc_mmio_windows_lock);

static struct nc_mmio_windows *nc_mmio_windows_alloc(unsigned int nr)
{
	struct nc_mmio_windows *t;

	t = kzalloc(struct_size(t, w, nr), GFP_KERNEL);
	if (t)
		t->nr = nr;
	return t;
}

static int nc_mmio_window_cmp(const void *a, const void *b)
{
	const struct nc_mmio_window *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	return 0;
}

/* Sort by start and fill in the running maximum of the ends. */
static void nc_mmio_windows_finish(struct nc_mmio_windows *t)
{
	phys_addr_t max_end = 0;
	unsigned int i;

	sort(t->w, t->nr, sizeof(t->w[0]), nc_mmio_window_cmp, NULL);
	for (i = 0; i < t->nr; i++) {
		max_end = max(max_end, t->w[i].end);
		t->w[i].max_end = max_end;
	}
}

/**
 * nc_mmio_windows_add() - a new table: @old plus a bridge's windows
 * @old: the current table, or NULL for none
 * @bridge: the bridge the windows belong to
 * @ranges: the windows, inclusive CPU physical address ranges
 * @n: number of windows, not zero
 *
 * Return: the new table, or NULL if out of memory. @old is not changed.
 */
VISIBLE_IF_KUNIT struct nc_mmio_windows *
nc_mmio_windows_add(const struct nc_mmio_windows *old,
		    struct nc_mmio_unsafe_bridge *bridge,
		    const struct range *ranges, unsigned int n)
{
	unsigned int i, nr_old = old ? old->nr : 0;
	struct nc_mmio_windows *t;

	t = nc_mmio_windows_alloc(nr_old + n);
	if (!t)
		return NULL;
	if (nr_old)
		memcpy(t->w, old->w, nr_old * sizeof(t->w[0]));
	for (i = 0; i < n; i++) {
		t->w[nr_old + i].start = ranges[i].start;
		t->w[nr_old + i].end = ranges[i].end;
		t->w[nr_old + i].bridge = bridge;
	}
	nc_mmio_windows_finish(t);
	return t;
}
EXPORT_SYMBOL_IF_KUNIT(nc_mmio_windows_add);

/**
 * nc_mmio_windows_remove() - a new table: @old without a bridge's windows
 * @old: the current table, not NULL
 * @bridge: the bridge whose windows go
 *
 * Return: the new table, or ERR_PTR(-ENOMEM). NULL when no window is left.
 */
VISIBLE_IF_KUNIT struct nc_mmio_windows *
nc_mmio_windows_remove(const struct nc_mmio_windows *old,
		       const struct nc_mmio_unsafe_bridge *bridge)
{
	unsigned int i, n = 0;
	struct nc_mmio_windows *t;

	for (i = 0; i < old->nr; i++)
		n += old->w[i].bridge != bridge;
	if (!n)
		return NULL;
	t = nc_mmio_windows_alloc(n);
	if (!t)
		return ERR_PTR(-ENOMEM);
	n = 0;
	for (i = 0; i < old->nr; i++)
		if (old->w[i].bridge != bridge)
			t->w[n++] = old->w[i];
	nc_mmio_windows_finish(t);
	return t;
}
EXPORT_SYMBOL_IF_KUNIT(nc_mmio_windows_remove);

/**
 * nc_mmio_windows_find() - a window overlapping [@start, @end]
 * @t: the table, or NULL
 * @start: first physical address
 * @end: last physical address, not below @start
 *
 * Return: the overlapping window with the highest start, or NULL.
 */
VISIBLE_IF_KUNIT const struct nc_mmio_window *
nc_mmio_windows_find(const struct nc_mmio_windows *t, phys_addr_t start,
		     phys_addr_t end)
{
	unsigned int lo = 0, hi;

	if (!t)
		return NULL;
	/* The windows starting at or below @end are t->w[0 .. lo - 1]. */
	hi = t->nr;
	while (lo < hi) {
		unsigned int mid = lo + (hi - lo) / 2;

		if (t->w[mid].start <= end)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* Walk down only while an earlier window can still reach @start. */
	while (lo-- > 0 && t->w[lo].max_end >= start)
		if (t->w[lo].end >= start)
			return &t->w[lo];
	return NULL;
}
EXPORT_SYMBOL_IF_KUNIT(nc_mmio_windows_find);

/* Called by pci_nc_mmio_unsafe() once the static key is on. */
bool __pci_nc_mmio_unsafe(phys_addr_t start, phys_addr_t end)
{
	bool hit;

	/* A range that wraps is not one: fail closed */
	if (end < start)
		return true;
	rcu_read_lock();
	hit = nc_mmio_windows_find(rcu_dereference(nc_mmio_windows), start, end);
	rcu_read_unlock();
	return hit;
}

/* Called by pci_nc_mmio_downgrade() once the static key is on. */
bool __pci_nc_mmio_downgrade(phys_addr_t start, phys_addr_t end)
{
	const struct nc_mmio_window *w;
	struct resource r;

	if (end < start)
		return true;
	rcu_read_lock();
	w = nc_mmio_windows_find(rcu_dereference(nc_mmio_windows), start, end);
	if (w && !atomic_xchg(&w->bridge->logged, 1)) {
		r = DEFINE_RES_MEM(start, end - start + 1);
		dev_info(w->bridge->dev, "normal-nc-mmio: write-combining mapping of %pR made Device (%s)\n",
			 &r, current->comm);
	}
	rcu_read_unlock();
	return w;
}

/**
 * nc_mmio_window_valid() - may a memory window go into the table?
 * @res: the window
 *
 * A window that ends before it starts, or whose size wraps to zero (the
 * [0, -1] of a zero-size resource at 0), would match addresses that are
 * not the bridge's, or every address.
 *
 * Return: true if @res is a proper range.
 */
VISIBLE_IF_KUNIT bool nc_mmio_window_valid(const struct resource *res)
{
	return res->start <= res->end && resource_size(res) != 0;
}
EXPORT_SYMBOL_IF_KUNIT(nc_mmio_window_valid);

/**
 * nc_mmio_windows_publish() - put a bridge's windows into the table
 * @bridge: the bridge, with @bridge->key set; not in the table yet
 * @ranges: its windows, valid inclusive CPU physical address ranges
 * @n: number of windows, not zero
 *
 * Return: 0, or -ENOMEM with the table unchanged.
 */
VISIBLE_IF_KUNIT int nc_mmio_windows_publish(struct nc_mmio_unsafe_bridge *bridge,
					     const struct range *ranges,
					     unsigned int n)
{
	struct nc_mmio_windows *old, *t;

	mutex_lock(&nc_mmio_windows_lock);
	old = rcu_dereference_protected(nc_mmio_windows,
					lockdep_is_held(&nc_mmio_windows_lock));
	t = nc_mmio_windows_add(old, bridge, ranges, n);
	if (t) {
		rcu_assign_pointer(nc_mmio_windows, t);
		static_branch_inc(&pci_nc_mmio_unsafe_windows);
		if (old)
			kfree_rcu(old, rcu);
	}
	mutex_unlock(&nc_mmio_windows_lock);
	return t ? 0 : -ENOMEM;
}
EXPORT_SYMBOL_IF_KUNIT(nc_mmio_windows_publish);

/**
 * nc_mmio_windows_withdraw() - take a bridge's windows out of the table
 * @key: the bridge's key
 *
 * Waits until no lookup can still see the windows, so that the caller may
 * free what it returns and drop its reference to the device.
 *
 * Return: the bridge whose windows were taken out; NULL if the table has
 * no window with @key; ERR_PTR(-ENOMEM) if out of memory, in which case
 * the windows stay (which only makes more mappings Device) and are no
 * longer found by @key.
 */
VISIBLE_IF_KUNIT struct nc_mmio_unsafe_bridge *nc_mmio_windows_withdraw(const void *key)
{
	struct nc_mmio_unsafe_bridge *b = NULL;
	struct nc_mmio_windows *old, *t;
	unsigned int i;

	mutex_lock(&nc_mmio_windows_lock);
	old = rcu_dereference_protected(nc_mmio_windows,
					lockdep_is_held(&nc_mmio_windows_lock));
	for (i = 0; old && i < old->nr && !b; i++)
		if (old->w[i].bridge->key == key)
			b = old->w[i].bridge;
	if (!b)
		goto unlock;
	t = nc_mmio_windows_remove(old, b);
	if (IS_ERR(t)) {
		b->key = NULL;
		b = ERR_CAST(t);
		goto unlock;
	}
	rcu_assign_pointer(nc_mmio_windows, t);
	static_branch_dec(&pci_nc_mmio_unsafe_windows);
	mutex_unlock(&nc_mmio_windows_lock);
	/* No lookup may still name the bridge's device or see the table */
	synchronize_rcu();
	kfree(old);
	return b;
unlock:
	mutex_unlock(&nc_mmio_windows_lock);
	return b;
}
EXPORT_SYMBOL_IF_KUNIT(nc_mmio_windows_withdraw);

/**
 * pci_nc_mmio_windows_register() - enforce an unsafe bridge's verdict
 * @bridge: a host bridge whose verdict is final and unsafe
 *
 * From now on Normal-NC mappings of its memory windows are made Device.
 * Called before any device below the bridge is bound to a driver. A
 * malformed window is left out with a warning. Out of memory, the bridge
 * stays unsafe for the PCI core's own mapping paths.
 */
void pci_nc_mmio_windows_register(struct pci_host_bridge *bridge)
{
	struct device *dev = &bridge->bus->dev;
	struct nc_mmio_unsafe_bridge *b = NULL;
	struct resource_entry *entry;
	struct range *ranges;
	unsigned int n = 0;

	resource_list_for_each_entry(entry, &bridge->windows)
		n += resource_type(entry->res) == IORESOURCE_MEM;
	if (!n)
		return;
	ranges = kcalloc(n, sizeof(*ranges), GFP_KERNEL);
	if (!ranges)
		goto nomem;
	n = 0;
	resource_list_for_each_entry(entry, &bridge->windows) {
		if (resource_type(entry->res) != IORESOURCE_MEM)
			continue;
		if (!nc_mmio_window_valid(entry->res)) {
			dev_warn(dev, "normal-nc-mmio: malformed window %pR left out\n",
				 entry->res);
			continue;
		}
		ranges[n].start = entry->res->start;
		ranges[n].end = entry->res->end;
		n++;
	}
	if (n)
		b = kzalloc(sizeof(*b), GFP_KERNEL);
	if (b) {
		b->key = bridge;
		/* Held while the windows are in the table: the log names it */
		b->dev = get_device(dev);
		if (nc_mmio_windows_publish(b, ranges, n)) {
			put_device(dev);
			kfree(b);
			b = NULL;
		}
	}
	kfree(ranges);
	if (b || !n)
		return;
nomem:
	dev_warn(dev, "normal-nc-mmio: out of memory, write-combining mappings by address not made Device\n");
}

/**
 * pci_nc_mmio_windows_unregister() - forget a bridge's windows
 * @bridge: a host bridge whose root bus is being removed, or that is being
 *	    released; need not have been registered
 *
 * A bridge added later on the same ranges then gets its own verdict.
 */
void pci_nc_mmio_windows_unregister(struct pci_host_bridge *bridge)
{
	struct nc_mmio_unsafe_bridge *b = nc_mmio_windows_withdraw(bridge);

	if (IS_ERR(b)) {
		/* Stale windows only make more mappings Device: keep them. */
		dev_warn(&bridge->dev, "normal-nc-mmio: out of memory, windows stay Device\n");
		return;
	}
	if (b) {
		put_device(b->dev);
		kfree(b);
	}
}
