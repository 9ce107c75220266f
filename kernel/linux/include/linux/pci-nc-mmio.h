/* SPDX-License-Identifier: GPL-2.0 */
/*
 * normal-nc-mmio enforced by physical address: the memory windows of the
 * PCI host bridges whose verdict is "unsafe", for the architecture's
 * mapping paths to look up. See Documentation/PCI/normal-nc-mmio.rst.
 *
 * For built-in code only: the mapping paths that must ask are core code,
 * so neither the static key nor __pci_nc_mmio_unsafe() is exported.
 */
#ifndef _LINUX_PCI_NC_MMIO_H
#define _LINUX_PCI_NC_MMIO_H

#include <linux/jump_label.h>
#include <linux/types.h>

#ifdef CONFIG_PCI_NORMAL_NC_MMIO_ENFORCE
DECLARE_STATIC_KEY_FALSE(pci_nc_mmio_unsafe_windows);

bool __pci_nc_mmio_unsafe(phys_addr_t start, phys_addr_t end);

/**
 * pci_nc_mmio_unsafe() - must a write-combining mapping be made Device?
 * @phys: start of the physical range about to be mapped Normal-NC
 * @size: its size in bytes
 *
 * Call only for a mapping that is about to get a write-combining
 * (Normal-NC) memory type: a hit is reported as a downgrade, once per host
 * bridge, in the kernel log. Costs a patched-out branch while no host
 * bridge is unsafe. Any context.
 *
 * Return: true if [@phys, @phys + @size) overlaps a memory window of an
 * unsafe host bridge.
 */
static __always_inline bool pci_nc_mmio_unsafe(phys_addr_t phys, size_t size)
{
	if (!static_branch_unlikely(&pci_nc_mmio_unsafe_windows))
		return false;
	/* Not a range: the mapping fails anyway; log nothing for it. */
	if (!size || phys + size - 1 < phys)
		return false;
	return __pci_nc_mmio_unsafe(phys, phys + size - 1);
}
#else
static inline bool pci_nc_mmio_unsafe(phys_addr_t phys, size_t size)
{
	return false;
}
#endif

#endif /* _LINUX_PCI_NC_MMIO_H */
