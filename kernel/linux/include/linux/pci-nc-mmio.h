/* SPDX-License-Identifier: GPL-2.0 */
/*
 * normal-nc-mmio enforced by physical address: the memory windows of the
 * PCI host bridges whose verdict is "unsafe", for the architecture's
 * mapping paths to look up. See Documentation/PCI/normal-nc-mmio.rst.
 *
 * For built-in code only: the mapping paths that must ask are core code,
 * so neither the static key nor the out-of-line lookups are exported.
 */
#ifndef _LINUX_PCI_NC_MMIO_H
#define _LINUX_PCI_NC_MMIO_H

#include <linux/jump_label.h>
#include <linux/types.h>

DECLARE_STATIC_KEY_FALSE(pci_nc_mmio_unsafe_windows);

bool __pci_nc_mmio_unsafe(phys_addr_t start, phys_addr_t end);
bool __pci_nc_mmio_downgrade(phys_addr_t start, phys_addr_t end);

#ifdef CONFIG_PCI_NORMAL_NC_MMIO_ENFORCE

/**
 * pci_nc_mmio_unsafe() - does a physical range overlap an unsafe window?
 * @phys: start of the physical range
 * @size: its size in bytes
 *
 * A lookup only: nothing is logged. Costs a patched-out branch while no
 * host bridge is unsafe. Any context.
 *
 * Return: true if [@phys, @phys + @size) overlaps a memory window of an
 * unsafe host bridge, or wraps around the end of the physical address
 * space while one is unsafe (fail closed); false for @size 0.
 */
static __always_inline bool pci_nc_mmio_unsafe(phys_addr_t phys, size_t size)
{
	if (!static_branch_unlikely(&pci_nc_mmio_unsafe_windows) || !size)
		return false;
	return __pci_nc_mmio_unsafe(phys, phys + size - 1);
}

/**
 * pci_nc_mmio_downgrade() - must a write-combining mapping be made Device?
 * @phys: start of the physical range about to be mapped Normal-NC
 * @size: its size in bytes
 *
 * pci_nc_mmio_unsafe(), for a mapping path that is about to make the
 * mapping Device when the answer is yes: the first such mapping below
 * each host bridge is reported in the kernel log, naming the range and
 * the task. Any context.
 *
 * Return: as pci_nc_mmio_unsafe().
 */
static __always_inline bool pci_nc_mmio_downgrade(phys_addr_t phys, size_t size)
{
	if (!static_branch_unlikely(&pci_nc_mmio_unsafe_windows) || !size)
		return false;
	return __pci_nc_mmio_downgrade(phys, phys + size - 1);
}
#else
static inline bool pci_nc_mmio_unsafe(phys_addr_t phys, size_t size)
{
	return false;
}

static inline bool pci_nc_mmio_downgrade(phys_addr_t phys, size_t size)
{
	return false;
}
#endif

#endif /* _LINUX_PCI_NC_MMIO_H */
