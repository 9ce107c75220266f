/* SPDX-License-Identifier: GPL-2.0 */
/*
 * normal-nc-mmio: the state kept per host bridge, and the parser entry
 * points the KUnit test calls. Users outside the parser call
 * pci_nc_mmio_safe() (<linux/pci.h>).
 */
#ifndef DRIVERS_PCI_NORMAL_NC_MMIO_H
#define DRIVERS_PCI_NORMAL_NC_MMIO_H

#include <linux/fwnode.h>
#include <linux/spinlock.h>
#include <linux/types.h>

#include <kunit/visibility.h>

#include "normal_nc_mmio_rules.h"

struct pci_host_bridge;

/*
 * Bits of pci_host_bridge::nc_mmio_flags, a word of its own that only
 * atomic bitops change, so lockless readers never see a torn value.
 */
enum pci_nc_mmio_flag {
	PCI_NC_MMIO_SAFE,	/* Normal-NC BAR mappings are safe */
	PCI_NC_MMIO_FINAL,	/* devices below are being added */
};

/**
 * struct pci_nc_mmio - why a host bridge has the verdict it has
 * @facts: what was found when the bridge was registered; never changes
 *	   afterwards
 * @scan_quirk: a quirk matched by the PCI ID of a device found while the
 *		bridge was scanned, before its verdict became final; set at
 *		most once, under @lock, read with READ_ONCE()
 * @fw_path: the node whose normal-nc-mmio decided rule 3, or NULL; never
 *	     changes until the bridge is released
 * @lock: orders a re-decision by @scan_quirk against the verdict becoming
 *	  final
 *
 * The decision and its source are computed from these whenever they are
 * needed, so that nothing a reader may hold is ever replaced.
 */
struct pci_nc_mmio {
	struct nc_mmio_facts facts;
	const struct nc_mmio_quirk *scan_quirk;
	char *fw_path;
	spinlock_t lock;	/* scan_quirk against final */
};

#if IS_ENABLED(CONFIG_KUNIT)
enum nc_mmio_value pci_nc_mmio_read(const struct fwnode_handle *fwnode);
int pci_nc_mmio_resolve(struct pci_nc_mmio *nc, struct fwnode_handle *fwnode,
			const struct fwnode_handle *top,
			enum nc_mmio_value param,
			const struct nc_mmio_quirk *soc_quirk);
void pci_nc_mmio_decision(const struct pci_nc_mmio *nc,
			  struct nc_mmio_decision *d);
void pci_nc_mmio_release(struct pci_nc_mmio *nc);
void pci_nc_mmio_attach(struct pci_host_bridge *bridge,
			struct pci_nc_mmio *nc);
int pci_nc_mmio_scan_quirk(struct pci_host_bridge *bridge,
			   const struct nc_mmio_quirk *q);
#endif

#endif /* DRIVERS_PCI_NORMAL_NC_MMIO_H */
