// SPDX-License-Identifier: GPL-2.0
/*
 * What a driver outside drivers/pci calls of the normal-nc-mmio series:
 * built as a module for every architecture tests/patches/build-arch
 * covers, so that a declaration without a definition (or without a stub
 * when CONFIG_PCI is off) fails there and not in a distribution's build.
 */
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/pci.h>

pgprot_t nc_consumer_wc_prot(const struct pci_dev *pdev, pgprot_t prot);
bool nc_consumer_wc_ok(struct pci_dev *pdev);

pgprot_t nc_consumer_wc_prot(const struct pci_dev *pdev, pgprot_t prot)
{
	return pci_pgprot_writecombine(pdev, prot);
}
EXPORT_SYMBOL_GPL(nc_consumer_wc_prot);

bool nc_consumer_wc_ok(struct pci_dev *pdev)
{
	return arch_can_pci_mmap_wc(pdev) && pci_nc_mmio_safe(pdev);
}
EXPORT_SYMBOL_GPL(nc_consumer_wc_ok);

MODULE_DESCRIPTION("Build test: callers of the normal-nc-mmio PCI API");
MODULE_LICENSE("GPL");
