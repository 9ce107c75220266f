/* SPDX-License-Identifier: GPL-2.0 */
/*
 * wcmap: the interface between the test module wcmap.ko and its user-space
 * driver (tests/wcmap/wcmap-user.c). Both are built from this header.
 */
#ifndef WCMAP_H
#define WCMAP_H

#include <linux/ioctl.h>
#include <linux/types.h>

/* Kernel mapping primitives (struct wcmap_kernel.prim). */
enum wcmap_kernel_prim {
	WCMAP_IOREMAP,		/* ioremap(): Device, the control */
	WCMAP_IOREMAP_WC,
	WCMAP_DEVM_IOREMAP_WC,
	WCMAP_IO_MAPPING_WC,	/* io_mapping_create_wc() + io_mapping_map_wc() */
	WCMAP_MEMREMAP_WC,
	WCMAP_IOREMAP_CACHE,	/* cacheable: Normal */
	WCMAP_MEMREMAP_WB,	/* cacheable: Normal */
	WCMAP_KERNEL_NR,
};

/*
 * User mapping primitives: mmap() of /dev/wcmap at offset PRIM << 12 maps
 * the ivshmem BAR (or, for WCMAP_RAM_REMAP_PFN, a page of RAM) with
 * pgprot_writecombine(), unless said otherwise below.
 */
enum wcmap_user_prim {
	WCMAP_REMAP_PFN_RANGE,
	WCMAP_IO_REMAP_PFN_RANGE,
	WCMAP_VM_IOMAP_MEMORY,
	WCMAP_VMF_INSERT_PFN_PROT,	/* in the fault handler */
	WCMAP_VMF_INSERT_MIXED,		/* in the fault handler */
	WCMAP_RAM_REMAP_PFN,		/* RAM: outside every window */
	WCMAP_REMAP_PFN_RANGE_CACHED,	/* the VMA's own, cacheable, type */
	/*
	 * As vfio-pci variant drivers do, without asking the PCI core:
	 * uncached, VM_ALLOW_ANY_UNCACHED (KVM may map it Normal-NC at stage
	 * 2), the whole BAR, vm_pgoff its first PFN.
	 */
	WCMAP_ANY_UNCACHED,
	/*
	 * Two pages, each remapped with the VMA's write-combining protection
	 * as it is after the one before: a page of the BAR, then one of RAM.
	 */
	WCMAP_REMAP_BAR_THEN_RAM,
	WCMAP_USER_NR,
};

#define WCMAP_ATTR_LEN	16

/* Map @size bytes at @phys (0: the ivshmem BAR) with @prim, then unmap. */
struct wcmap_kernel {
	__u32 prim;
	__u32 pad;
	__u64 phys;
	__u64 size;
	__u64 pte;			/* out: the leaf entry of the mapping */
	char attr[WCMAP_ATTR_LEN];	/* out: its memory type */
};

/* The leaf entry mapping @va (a kernel VA, or one of the caller's). */
struct wcmap_pte {
	__u64 va;
	__u64 pte;			/* out, 0 if not mapped */
	char attr[WCMAP_ATTR_LEN];	/* out: its memory type, or "none" */
};

/* The ivshmem BAR the module maps. */
struct wcmap_bar {
	__u64 start;
	__u64 size;
};

/* Time @iters x (ioremap_wc() + iounmap()) of a page of the BAR. */
struct wcmap_bench {
	__u32 iters;
	__u32 pad;
	__u64 ns;			/* out: all of them */
};

#define WCMAP_IOC_BAR		_IOR('W', 0, struct wcmap_bar)
#define WCMAP_IOC_KERNEL	_IOWR('W', 1, struct wcmap_kernel)
#define WCMAP_IOC_USER_PTE	_IOWR('W', 2, struct wcmap_pte)
#define WCMAP_IOC_KERNEL_PTE	_IOWR('W', 3, struct wcmap_pte)
#define WCMAP_IOC_BENCH		_IOWR('W', 4, struct wcmap_bench)
/*
 * ioremap_wc() of @phys (@size bytes, 0: a page) as for WCMAP_IOC_KERNEL
 * (@prim unused), but kept until WCMAP_IOC_DROP or unload: a mapping
 * that exists when a host bridge registers.
 */
#define WCMAP_IOC_KEEP		_IOWR('W', 5, struct wcmap_kernel)
#define WCMAP_IOC_DROP		_IO('W', 6)

#define WCMAP_DEV_LEN	32

/*
 * P2PDMA: BAR 2 of the second ivshmem device (the first is the one the
 * other primitives map), added as peer-to-peer memory and published, so
 * that user space can map it through its p2pmem/allocate file in sysfs.
 * Done once; later calls only report it.
 */
struct wcmap_p2pmem {
	char dev[WCMAP_DEV_LEN];	/* out: its PCI name, 0000:00:03.0 */
	__u64 start;			/* out: the memory published */
	__u64 size;
};

/* The kernel's entry for a page of that memory (its linear map). */
struct wcmap_p2pmem_pte {
	__u64 phys;			/* in: a physical address in it */
	__u64 pte;			/* out, 0 if not mapped */
	char attr[WCMAP_ATTR_LEN];	/* out: its memory type, or "none" */
};

#define WCMAP_IOC_P2PMEM	_IOR('W', 7, struct wcmap_p2pmem)
#define WCMAP_IOC_P2PMEM_PTE	_IOWR('W', 8, struct wcmap_p2pmem_pte)

#endif /* WCMAP_H */
