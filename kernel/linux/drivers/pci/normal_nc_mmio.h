/* SPDX-License-Identifier: GPL-2.0 */
/*
 * normal-nc-mmio: the state kept per host bridge, and the parser entry
 * points the KUnit test calls. Users outside the parser call
 * pci_nc_mmio_safe() (<linux/pci.h>).
 */
#ifndef DRIVERS_PCI_NORMAL_NC_MMIO_H
#define DRIVERS_PCI_NORMAL_NC_MMIO_H

#include <linux/fwnode.h>
#include <linux/types.h>

#include <kunit/visibility.h>

#include "normal_nc_mmio_rules.h"

/**
 * struct pci_nc_mmio - why a host bridge has the verdict it has
 * @facts: what was found, kept so that a quirk seen during the scan can
 *	   re-decide with the same firmware value and parameter
 * @decision: the outcome of the shared rules
 * @fw_path: the node whose normal-nc-mmio decided rule 3, or NULL
 * @source: "cmdline", "quirk:NAME", "firmware:PATH" or "default"
 */
struct pci_nc_mmio {
	struct nc_mmio_facts facts;
	struct nc_mmio_decision decision;
	char *fw_path;
	char *source;
};

#if IS_ENABLED(CONFIG_KUNIT)
enum nc_mmio_value pci_nc_mmio_read(const struct fwnode_handle *fwnode);
int pci_nc_mmio_resolve(struct pci_nc_mmio *nc, struct fwnode_handle *fwnode,
			const struct fwnode_handle *top,
			enum nc_mmio_value param);
void pci_nc_mmio_release(struct pci_nc_mmio *nc);
#endif

#endif /* DRIVERS_PCI_NORMAL_NC_MMIO_H */
