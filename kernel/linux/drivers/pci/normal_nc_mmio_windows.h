/* SPDX-License-Identifier: GPL-2.0 */
/*
 * normal-nc-mmio: the table of unsafe host bridges' memory windows, and
 * the entry points the PCI core and the KUnit test call. Mapping paths
 * call pci_nc_mmio_downgrade() or pci_nc_mmio_unsafe()
 * (<linux/pci-nc-mmio.h>).
 */
#ifndef DRIVERS_PCI_NORMAL_NC_MMIO_WINDOWS_H
#define DRIVERS_PCI_NORMAL_NC_MMIO_WINDOWS_H

#include <linux/atomic.h>
#include <linux/range.h>
#include <linux/rcupdate.h>
#include <linux/types.h>

#include <kunit/visibility.h>

struct device;
struct pci_host_bridge;
struct resource;

/**
 * struct nc_mmio_unsafe_bridge - an unsafe host bridge, as the table knows it
 * @key: identifies the bridge (its struct pci_host_bridge); never followed
 * @dev: its root bus's device, which the log line names; a reference is
 *	 held while the bridge is in the table
 * @logged: set by the first downgrade below the bridge, which logs
 */
struct nc_mmio_unsafe_bridge {
	const void *key;
	struct device *dev;
	atomic_t logged;
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

/*
 * Built with CONFIG_PCI_NORMAL_NC_MMIO_ENFORCE: callers test
 * IS_ENABLED(CONFIG_PCI_NORMAL_NC_MMIO_ENFORCE).
 */
void pci_nc_mmio_windows_register(struct pci_host_bridge *bridge);
void pci_nc_mmio_windows_unregister(struct pci_host_bridge *bridge);

#if IS_ENABLED(CONFIG_KUNIT)
bool nc_mmio_window_valid(const struct resource *res);
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
int nc_mmio_windows_publish(struct nc_mmio_unsafe_bridge *bridge,
			    const struct range *ranges, unsigned int n);
struct nc_mmio_unsafe_bridge *nc_mmio_windows_withdraw(const void *key);
#endif

#endif /* DRIVERS_PCI_NORMAL_NC_MMIO_WINDOWS_H */
