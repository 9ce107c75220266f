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
 * VMA's is not ours to change under the fault's read lock. @size is what
 * the insert maps (a page, or a PMD), so that nothing next to an unsafe
 * window is made Device.
 */
void track_pfn_insert(struct vm_area_struct *vma, pgprot_t *prot, pfn_t pfn,
		      unsigned long size)
{
	*prot = nc_mmio_prot(pfn_t_to_phys(pfn), size, *prot);
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
