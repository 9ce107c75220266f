/* SPDX-License-Identifier: GPL-2.0 */
/*
 * normal-nc-mmio: the table of unsafe host bridges' memory windows, and
 * the entry points the PCI core and the KUnit test call. Mapping paths
 * call pci_nc_mmio_unsafe() (<linux/pci-nc-mmio.h>).
 */
#ifndef DRIVERS_PCI_NORMAL_NC_MMIO_WINDOWS_H
#define DRIVERS_PCI_NORMAL_NC_MMIO_WINDOWS_H

#include <linux/atomic.h>
#include <linux/range.h>
#include <linux/rcupdate.h>
#include <linux/types.h>

#include <kunit/visibility.h>

struct pci_host_bridge;

/**
 * struct nc_mmio_unsafe_bridge - an unsafe host bridge, as the table knows it
 * @key: identifies the bridge (its struct pci_host_bridge); never followed
 * @logged: set by the first downgrade below the bridge, which logs
 * @name: "DDDD:BB", the name of its root bus, for the log line
 * @rcu: freed after the readers that may still see it
 */
struct nc_mmio_unsafe_bridge {
	const void *key;
	atomic_t logged;
	char name[16];
	struct rcu_head rcu;
};

/**
 * struct nc_mmio_window - one memory window of an unsafe host bridge
 * @start: first CPU physical address
 * @end: last CPU physical address
 * @max_end: the highest @end of this and every earlier entry, so that a
 *	     lookup stays correct even if windows overlapped
 * @bridge: the bridge it belongs to
 */
struct nc_mmio_window {
	phys_addr_t start;
	phys_addr_t end;
	phys_addr_t max_end;
	struct nc_mmio_unsafe_bridge *bridge;
};

/**
 * struct nc_mmio_windows - every unsafe window, sorted by @start
 * @rcu: freed after the readers that may still see it
 * @nr: number of entries
 * @w: the entries
 *
 * Never changed once published: an update publishes a new table.
 */
struct nc_mmio_windows {
	struct rcu_head rcu;
	unsigned int nr;
	struct nc_mmio_window w[] __counted_by(nr);
};

#ifdef CONFIG_PCI_NORMAL_NC_MMIO_ENFORCE
void pci_nc_mmio_windows_register(struct pci_host_bridge *bridge);
void pci_nc_mmio_windows_unregister(struct pci_host_bridge *bridge);
#else
static inline void
pci_nc_mmio_windows_register(struct pci_host_bridge *bridge) { }
static inline void
pci_nc_mmio_windows_unregister(struct pci_host_bridge *bridge) { }
#endif

#if IS_ENABLED(CONFIG_KUNIT)
struct nc_mmio_windows *
nc_mmio_windows_add(const struct nc_mmio_windows *old,
		    struct nc_mmio_unsafe_bridge *bridge,
		    const struct range *ranges, unsigned int n);
struct nc_mmio_windows *
nc_mmio_windows_remove(const struct nc_mmio_windows *old,
		       const struct nc_mmio_unsafe_bridge *bridge);
const struct nc_mmio_window *
nc_mmio_windows_find(const struct nc_mmio_windows *t, phys_addr_t start,
		     phys_addr_t end);
#endif

#endif /* DRIVERS_PCI_NORMAL_NC_MMIO_WINDOWS_H */
