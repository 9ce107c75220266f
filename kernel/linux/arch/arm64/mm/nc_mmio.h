/* SPDX-License-Identifier: GPL-2.0-only */
/*
 * normal-nc-mmio by physical address: write-combining (Normal-NC) mappings
 * of the memory windows of unsafe PCI host bridges become Device-nGnRE.
 * See Documentation/PCI/normal-nc-mmio.rst.
 */
#ifndef __ARM64_MM_NC_MMIO_H
#define __ARM64_MM_NC_MMIO_H

#include <linux/pci-nc-mmio.h>
#include <linux/pgtable.h>

static inline bool nc_mmio_prot_is_normal_nc(pgprot_t prot)
{
	return (pgprot_val(prot) & PTE_ATTRINDX_MASK) ==
	       PTE_ATTRINDX(MT_NORMAL_NC);
}

/*
 * @prot, or Device-nGnRE with the same permissions if @prot is Normal-NC
 * and [@phys, @phys + @size) overlaps an unsafe window (reported once per
 * host bridge). A mask test and a patched-out branch while no host bridge
 * is unsafe.
 */
static __always_inline pgprot_t nc_mmio_prot(phys_addr_t phys, size_t size,
					     pgprot_t prot)
{
	if (nc_mmio_prot_is_normal_nc(prot) && pci_nc_mmio_downgrade(phys, size))
		return pgprot_device(prot);
	return prot;
}

#endif /* __ARM64_MM_NC_MMIO_H */
