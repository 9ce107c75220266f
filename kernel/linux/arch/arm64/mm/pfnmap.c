// SPDX-License-Identifier: GPL-2.0-only
/*
 * PFN map tracking (__HAVE_PFNMAP_TRACKING) for normal-nc-mmio.
 *
 * The core mm calls these hooks for every user mapping of raw PFNs:
 * track_pfn_remap() from remap_pfn_range() (and so io_remap_pfn_range()
 * and vm_iomap_memory()), track_pfn_insert() from vmf_insert_pfn_prot(),
 * vmf_insert_mixed() and vmf_insert_pfn_pmd(). Unlike x86 PAT there is no
 * memory type to reserve: the protection is a function of the physical
 * address alone, so there is no state, and copy/untrack have nothing to
 * do. fork() and mremap() move or copy the page-table entries as they were
 * installed, already Device.
 *
 * For remap_pfn_range() the VMA's own protection is made Device as well
 * when it was Normal-NC, so that what mprotect() rebuilds from it (arm64's
 * pte_modify() replaces AttrIndx) stays Device.
 */

#include <linux/mm.h>
#include <linux/pfn_t.h>
#include <linux/pgtable.h>

#include "nc_mmio.h"

int track_pfn_remap(struct vm_area_struct *vma, pgprot_t *prot,
		    unsigned long pfn, unsigned long addr, unsigned long size)
{
	pgprot_t device = nc_mmio_prot(PFN_PHYS(pfn), size, *prot);

	if (pgprot_val(device) == pgprot_val(*prot))
		return 0;
	*prot = device;
	/*
	 * remap_pfn_range() runs under the mmap write lock, so the VMA's own
	 * protection, which mprotect() rebuilds the entries from, can follow.
	 * memremap_pages() passes no VMA.
	 */
	if (vma && nc_mmio_prot_is_normal_nc(vma->vm_page_prot))
		WRITE_ONCE(vma->vm_page_prot, pgprot_device(vma->vm_page_prot));
	return 0;
}

/*
 * Faults insert with their own protection, and only that changes: the
 * VMA's is not ours to change under the fault's read lock.
 *
 * The hook is not told how much an insert maps: a page, or a PMD, which
 * only a VMA with huge faults (vfio-pci, DAX) inserts, at a PMD-aligned
 * PFN. Check the PMD there and the page everywhere else, so that nothing
 * next to an unsafe window is made Device: a page that such a VMA's
 * fault handler inserts at a PMD-aligned PFN is checked as its PMD.
 */
void track_pfn_insert(struct vm_area_struct *vma, pgprot_t *prot, pfn_t pfn)
{
	phys_addr_t phys = pfn_t_to_phys(pfn);
	size_t size = PAGE_SIZE;

	if (vma && vma->vm_ops && vma->vm_ops->huge_fault &&
	    IS_ALIGNED(phys, PMD_SIZE))
		size = PMD_SIZE;
	*prot = nc_mmio_prot(phys, size, *prot);
}

int track_pfn_copy(struct vm_area_struct *dst_vma,
		   struct vm_area_struct *src_vma, unsigned long *pfn)
{
	return 0;
}

void untrack_pfn_copy(struct vm_area_struct *dst_vma, unsigned long pfn)
{
}

void untrack_pfn(struct vm_area_struct *vma, unsigned long pfn,
		 unsigned long size, bool mm_wr_locked)
{
}

void untrack_pfn_clear(struct vm_area_struct *vma)
{
}
