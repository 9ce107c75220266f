// SPDX-License-Identifier: GPL-2.0
/*
 * wcmap: map the ivshmem BAR write-combining with every primitive drivers
 * use, and report the memory type that was really installed.
 *
 * What normal-nc-mmio enforcement by physical address must hold against:
 * drivers that never ask the PCI core. Kernel mappings are made, read back
 * by walking the kernel page tables, and unmapped on request; user
 * mappings are made by this device's mmap() (remap_pfn_range() and
 * friends in mmap, vmf_insert_*() in the fault handler) and read back by
 * walking the caller's page tables. The observable is the AttrIndx of the
 * leaf entry: QEMU's TCG does not fault on the accesses that tell Device
 * from Normal-NC on hardware. A few primitives map the BAR cacheable
 * instead (ioremap_cache(), memremap(MEMREMAP_WB), a VMA's default
 * protection), and one maps it as a vfio-pci variant driver does, for
 * the nested KVM test (tests/kvm). A second ivshmem device's BAR is
 * published as P2PDMA memory, which user space maps through sysfs.
 *
 * With no_pci=1 the module needs no PCI device: only the kernel mappings
 * of an address given with each request are made, for boots in which no
 * host bridge has probed (the early window table).
 */

#include <linux/io.h>
#include <linux/io-mapping.h>
#include <linux/ktime.h>
#include <linux/memremap.h>
#include <linux/miscdevice.h>
#include <linux/mm.h>
#include <linux/module.h>
#include <linux/mutex.h>
#include <linux/pci.h>
#include <linux/pci-p2pdma.h>
#include <linux/pfn_t.h>
#include <linux/pgtable.h>
#include <linux/uaccess.h>

#include "wcmap.h"

#define IVSHMEM_VENDOR	0x1af4
#define IVSHMEM_DEVICE	0x1110
#define IVSHMEM_BAR	2

static struct pci_dev *wcmap_pdev;
static struct pci_dev *wcmap_p2p_pdev;
static DEFINE_MUTEX(wcmap_p2p_lock);
static phys_addr_t wcmap_bar_start;
static resource_size_t wcmap_bar_size;
static struct page *wcmap_ram_page;
static struct miscdevice wcmap_misc;
static void __iomem *wcmap_kept;
static DEFINE_MUTEX(wcmap_kept_lock);

static bool wcmap_no_pci;
module_param_named(no_pci, wcmap_no_pci, bool, 0400);
MODULE_PARM_DESC(no_pci, "load without the ivshmem device: kernel mappings of given addresses only");

static void wcmap_attr_name(u64 pte, char *buf)
{
	static const char * const names[] = {
		[MT_NORMAL] = "normal",
		[MT_NORMAL_TAGGED] = "normal-tagged",
		[MT_NORMAL_NC] = "normal-nc",
		[MT_DEVICE_nGnRnE] = "device-ngnrne",
		[MT_DEVICE_nGnRE] = "device-ngnre",
	};
	unsigned int idx = (pte & PTE_ATTRINDX_MASK) >> 2;

	if (!pte)
		strscpy(buf, "none", WCMAP_ATTR_LEN);
	else if (idx < ARRAY_SIZE(names) && names[idx])
		strscpy(buf, names[idx], WCMAP_ATTR_LEN);
	else
		snprintf(buf, WCMAP_ATTR_LEN, "attrindx-%u", idx);
}

/* The leaf entry mapping @va in @pgd's tables, 0 if none. */
static u64 wcmap_walk(pgd_t *pgdp, unsigned long va)
{
	pgd_t pgd = READ_ONCE(*pgdp);
	p4d_t *p4dp, p4d;
	pud_t *pudp, pud;
	pmd_t *pmdp, pmd;
	pte_t *ptep;
	u64 val;

	if (pgd_none(pgd) || pgd_bad(pgd))
		return 0;
	p4dp = p4d_offset(pgdp, va);
	p4d = READ_ONCE(*p4dp);
	if (p4d_none(p4d) || p4d_bad(p4d))
		return 0;
	pudp = pud_offset(p4dp, va);
	pud = READ_ONCE(*pudp);
	if (pud_none(pud))
		return 0;
	if (pud_leaf(pud))
		return pud_val(pud);
	pmdp = pmd_offset(pudp, va);
	pmd = READ_ONCE(*pmdp);
	if (pmd_none(pmd))
		return 0;
	if (pmd_leaf(pmd))
		return pmd_val(pmd);
	ptep = pte_offset_kernel(pmdp, va);
	val = pte_val(__ptep_get(ptep));
	return (val & PTE_VALID) ? val : 0;
}

/*
 * The kernel's tables from TTBR1_EL1, the register the MMU walks for
 * kernel addresses: init_mm (pgd_offset_k()) is not exported to modules.
 */
static u64 wcmap_kernel_pte(unsigned long va)
{
	phys_addr_t pgd = read_sysreg(ttbr1_el1) & GENMASK_ULL(47, 1);

	return wcmap_walk(pgd_offset_pgd(__va(pgd), va), va);
}

static u64 wcmap_user_pte(unsigned long va)
{
	struct mm_struct *mm = current->mm;
	u64 pte;

	mmap_read_lock(mm);
	pte = wcmap_walk(pgd_offset(mm, va), va);
	mmap_read_unlock(mm);
	return pte;
}

static int wcmap_kernel_map(struct wcmap_kernel *k)
{
	phys_addr_t phys = k->phys ? k->phys : wcmap_bar_start;
	size_t size = k->size ? k->size : PAGE_SIZE;
	struct device *dev = wcmap_misc.this_device;
	struct io_mapping *iomap;
	void __iomem *io = NULL;
	void *mem = NULL;

	if (!phys)
		return -EINVAL;	/* no_pci=1 and no address */
	switch (k->prim) {
	case WCMAP_IOREMAP:
		io = ioremap(phys, size);
		break;
	case WCMAP_IOREMAP_WC:
		io = ioremap_wc(phys, size);
		break;
	case WCMAP_DEVM_IOREMAP_WC:
		io = devm_ioremap_wc(dev, phys, size);
		break;
	case WCMAP_IO_MAPPING_WC:
		iomap = io_mapping_create_wc(phys, size);
		if (!iomap)
			return -ENOMEM;
		io = io_mapping_map_wc(iomap, 0, PAGE_SIZE);
		k->pte = wcmap_kernel_pte((unsigned long)io);
		io_mapping_unmap(io);
		io_mapping_free(iomap);
		goto done;
	case WCMAP_MEMREMAP_WC:
	case WCMAP_MEMREMAP_WB:
		mem = memremap(phys, size, k->prim == WCMAP_MEMREMAP_WB ?
				       MEMREMAP_WB : MEMREMAP_WC);
		/* NULL: no mapping, refused below an unsafe bridge */
		if (!mem)
			return -ENXIO;
		k->pte = wcmap_kernel_pte((unsigned long)mem);
		memunmap(mem);
		goto done;
	case WCMAP_IOREMAP_CACHE:
		io = ioremap_cache(phys, size);
		if (!io)
			return -ENXIO;
		break;
	default:
		return -EINVAL;
	}
	if (!io)
		return -ENOMEM;
	k->pte = wcmap_kernel_pte((unsigned long)io);
	if (k->prim == WCMAP_DEVM_IOREMAP_WC)
		devm_iounmap(dev, io);
	else
		iounmap(io);
done:
	wcmap_attr_name(k->pte, k->attr);
	return 0;
}

static int wcmap_bench(struct wcmap_bench *b)
{
	void __iomem *io;
	u64 t0;
	u32 i;

	t0 = ktime_get_ns();
	for (i = 0; i < b->iters; i++) {
		io = ioremap_wc(wcmap_bar_start, PAGE_SIZE);
		if (!io)
			return -ENOMEM;
		iounmap(io);
	}
	b->ns = ktime_get_ns() - t0;
	return 0;
}

/* WCMAP_IOC_KEEP and WCMAP_IOC_DROP: one kept mapping at a time. */
static int wcmap_keep(struct wcmap_kernel *k)
{
	int ret = 0;

	mutex_lock(&wcmap_kept_lock);
	if (wcmap_kept) {
		ret = -EBUSY;
		goto out;
	}
	wcmap_kept = ioremap_wc(k->phys, k->size ? k->size : PAGE_SIZE);
	if (!wcmap_kept) {
		ret = -ENOMEM;
		goto out;
	}
	k->pte = wcmap_kernel_pte((unsigned long)wcmap_kept);
	wcmap_attr_name(k->pte, k->attr);
out:
	mutex_unlock(&wcmap_kept_lock);
	return ret;
}

static void wcmap_drop(void)
{
	mutex_lock(&wcmap_kept_lock);
	if (wcmap_kept)
		iounmap(wcmap_kept);
	wcmap_kept = NULL;
	mutex_unlock(&wcmap_kept_lock);
}

/*
 * WCMAP_IOC_P2PMEM: the whole BAR 2 of the second ivshmem device becomes
 * P2PDMA memory, given ZONE_DEVICE pages by memremap_pages(), which
 * needs it aligned to a memory subsection (2 MiB with 4K pages): QEMU's
 * BAR is the size of its memory backend, and naturally aligned. No
 * driver binds the device, so memory decoding is turned on here. The
 * memory stays until the device goes (devres), the module may go first.
 */
static int wcmap_p2pmem(struct wcmap_p2pmem *p)
{
	struct pci_dev *pdev = wcmap_p2p_pdev;
	int ret = 0;

	if (!pdev)
		return -ENODEV;
	mutex_lock(&wcmap_p2p_lock);
	if (!pci_has_p2pmem(pdev)) {
		ret = pci_enable_device_mem(pdev);
		if (!ret)
			ret = pci_p2pdma_add_resource(pdev, IVSHMEM_BAR, 0, 0);
		if (!ret)
			pci_p2pmem_publish(pdev, true);
	}
	mutex_unlock(&wcmap_p2p_lock);
	if (ret) {
		pci_err(pdev, "wcmap: no P2PDMA memory: %d\n", ret);
		return ret;
	}
	strscpy(p->dev, pci_name(pdev), sizeof(p->dev));
	p->start = pci_resource_start(pdev, IVSHMEM_BAR);
	p->size = pci_resource_len(pdev, IVSHMEM_BAR);
	return 0;
}

/*
 * WCMAP_IOC_P2PMEM_PTE: the linear-map entry the kernel made for a page
 * of the P2PDMA memory.
 */
static int wcmap_p2pmem_pte(struct wcmap_p2pmem_pte __user *up)
{
	struct wcmap_p2pmem_pte p;
	unsigned long pfn;

	if (copy_from_user(&p, up, sizeof(p)))
		return -EFAULT;
	pfn = PHYS_PFN(p.phys);
	if (!pfn_valid(pfn) || !is_pci_p2pdma_page(pfn_to_page(pfn)))
		return -EINVAL;
	p.pte = wcmap_kernel_pte((unsigned long)page_address(pfn_to_page(pfn)));
	wcmap_attr_name(p.pte, p.attr);
	return copy_to_user(up, &p, sizeof(p)) ? -EFAULT : 0;
}

static long wcmap_ioctl(struct file *file, unsigned int cmd, unsigned long arg)
{
	void __user *uarg = (void __user *)arg;
	struct wcmap_kernel k;
	struct wcmap_bench b;
	struct wcmap_bar bar;
	struct wcmap_p2pmem p2p;
	struct wcmap_pte p;
	int ret;

	/* Without the device, only mappings of a given address */
	if (wcmap_no_pci && cmd != WCMAP_IOC_KERNEL)
		return -ENODEV;
	switch (cmd) {
	case WCMAP_IOC_P2PMEM:
		memset(&p2p, 0, sizeof(p2p));
		ret = wcmap_p2pmem(&p2p);
		if (ret)
			return ret;
		return copy_to_user(uarg, &p2p, sizeof(p2p)) ? -EFAULT : 0;
	case WCMAP_IOC_P2PMEM_PTE:
		return wcmap_p2pmem_pte(uarg);
	case WCMAP_IOC_BAR:
		bar.start = wcmap_bar_start;
		bar.size = wcmap_bar_size;
		return copy_to_user(uarg, &bar, sizeof(bar)) ? -EFAULT : 0;
	case WCMAP_IOC_KERNEL:
	case WCMAP_IOC_KEEP:
		if (copy_from_user(&k, uarg, sizeof(k)))
			return -EFAULT;
		if (cmd == WCMAP_IOC_KEEP)
			ret = wcmap_keep(&k);
		else
			ret = wcmap_kernel_map(&k);
		if (ret)
			return ret;
		return copy_to_user(uarg, &k, sizeof(k)) ? -EFAULT : 0;
	case WCMAP_IOC_BENCH:
		if (copy_from_user(&b, uarg, sizeof(b)))
			return -EFAULT;
		ret = wcmap_bench(&b);
		if (ret)
			return ret;
		return copy_to_user(uarg, &b, sizeof(b)) ? -EFAULT : 0;
	case WCMAP_IOC_DROP:
		wcmap_drop();
		return 0;
	case WCMAP_IOC_USER_PTE:
	case WCMAP_IOC_KERNEL_PTE:
		if (copy_from_user(&p, uarg, sizeof(p)))
			return -EFAULT;
		if (cmd == WCMAP_IOC_USER_PTE)
			p.pte = wcmap_user_pte(p.va);
		else
			p.pte = wcmap_kernel_pte(p.va);
		wcmap_attr_name(p.pte, p.attr);
		return copy_to_user(uarg, &p, sizeof(p)) ? -EFAULT : 0;
	}
	return -ENOTTY;
}

/* vm_private_data: the primitive the fault handler inserts with. */
static vm_fault_t wcmap_fault(struct vm_fault *vmf)
{
	struct vm_area_struct *vma = vmf->vma;
	unsigned long pfn = PHYS_PFN(wcmap_bar_start) + vmf->pgoff;

	if ((unsigned long)vma->vm_private_data == WCMAP_VMF_INSERT_PFN_PROT)
		return vmf_insert_pfn_prot(vma, vmf->address, pfn,
					   pgprot_writecombine(vma->vm_page_prot));
	return vmf_insert_mixed(vma, vmf->address, __pfn_to_pfn_t(pfn, PFN_DEV));
}

static const struct vm_operations_struct wcmap_vm_ops = {
	.fault = wcmap_fault,
};

static int wcmap_mmap(struct file *file, struct vm_area_struct *vma)
{
	unsigned long len = vma->vm_end - vma->vm_start;
	unsigned long prim = vma->vm_pgoff;
	unsigned long pfn = PHYS_PFN(wcmap_bar_start);
	pgprot_t wc = pgprot_writecombine(vma->vm_page_prot);

	if (wcmap_no_pci)
		return -ENODEV;

	if (prim != WCMAP_RAM_REMAP_PFN && len > wcmap_bar_size)
		return -EINVAL;
	if (prim == WCMAP_REMAP_BAR_THEN_RAM) {
		if (len != 2 * PAGE_SIZE)
			return -EINVAL;
		vma->vm_page_prot = wc;
		if (remap_pfn_range(vma, vma->vm_start, pfn, PAGE_SIZE,
				    vma->vm_page_prot))
			return -EAGAIN;
		return remap_pfn_range(vma, vma->vm_start + PAGE_SIZE,
				       page_to_pfn(wcmap_ram_page), PAGE_SIZE,
				       vma->vm_page_prot);
	}
	/* As most drivers do: the VMA's protection is the mapping's. */
	switch (prim) {
	case WCMAP_REMAP_PFN_RANGE:
		vma->vm_page_prot = wc;
		return remap_pfn_range(vma, vma->vm_start, pfn, len, wc);
	case WCMAP_IO_REMAP_PFN_RANGE:
		vma->vm_page_prot = wc;
		return io_remap_pfn_range(vma, vma->vm_start, pfn, len, wc);
	case WCMAP_VM_IOMAP_MEMORY:
		vma->vm_page_prot = wc;
		vma->vm_pgoff = 0;
		return vm_iomap_memory(vma, wcmap_bar_start, len);
	case WCMAP_VMF_INSERT_PFN_PROT:
		vm_flags_set(vma, VM_PFNMAP | VM_IO | VM_DONTEXPAND | VM_DONTDUMP);
		break;
	case WCMAP_VMF_INSERT_MIXED:
		vma->vm_page_prot = wc;
		vm_flags_set(vma, VM_MIXEDMAP | VM_IO | VM_DONTEXPAND | VM_DONTDUMP);
		break;
	case WCMAP_RAM_REMAP_PFN:
		if (len != PAGE_SIZE)
			return -EINVAL;
		return remap_pfn_range(vma, vma->vm_start,
				       page_to_pfn(wcmap_ram_page), len, wc);
	case WCMAP_REMAP_PFN_RANGE_CACHED:
		return remap_pfn_range(vma, vma->vm_start, pfn, len,
				       vma->vm_page_prot);
	case WCMAP_ANY_UNCACHED:
		if (len != wcmap_bar_size)
			return -EINVAL;
		vma->vm_page_prot = pgprot_noncached(vma->vm_page_prot);
		vma->vm_pgoff = pfn;
		vm_flags_set(vma, VM_ALLOW_ANY_UNCACHED);
		return remap_pfn_range(vma, vma->vm_start, pfn, len,
				       vma->vm_page_prot);
	default:
		return -EINVAL;
	}
	vma->vm_pgoff = 0;
	vma->vm_private_data = (void *)prim;
	vma->vm_ops = &wcmap_vm_ops;
	return 0;
}

static const struct file_operations wcmap_fops = {
	.owner = THIS_MODULE,
	.unlocked_ioctl = wcmap_ioctl,
	.mmap = wcmap_mmap,
};

static struct miscdevice wcmap_misc = {
	.minor = MISC_DYNAMIC_MINOR,
	.name = "wcmap",
	.fops = &wcmap_fops,
	.mode = 0600,
};

static int __init wcmap_init(void)
{
	int ret;

	if (wcmap_no_pci)
		return misc_register(&wcmap_misc);
	wcmap_pdev = pci_get_device(IVSHMEM_VENDOR, IVSHMEM_DEVICE, NULL);
	if (!wcmap_pdev)
		return -ENODEV;
	/* A reference of its own: pci_get_device() drops the one it is given. */
	wcmap_p2p_pdev = pci_get_device(IVSHMEM_VENDOR, IVSHMEM_DEVICE,
					pci_dev_get(wcmap_pdev));
	wcmap_bar_start = pci_resource_start(wcmap_pdev, IVSHMEM_BAR);
	wcmap_bar_size = pci_resource_len(wcmap_pdev, IVSHMEM_BAR);
	wcmap_ram_page = alloc_page(GFP_KERNEL | __GFP_ZERO);
	if (!wcmap_bar_size || !wcmap_ram_page) {
		ret = -ENODEV;
		goto err;
	}
	ret = misc_register(&wcmap_misc);
	if (ret)
		goto err;
	return 0;
err:
	if (wcmap_ram_page)
		__free_page(wcmap_ram_page);
	pci_dev_put(wcmap_p2p_pdev);
	pci_dev_put(wcmap_pdev);
	return ret;
}

static void __exit wcmap_exit(void)
{
	misc_deregister(&wcmap_misc);
	if (wcmap_no_pci)
		return;
	wcmap_drop();
	__free_page(wcmap_ram_page);
	pci_dev_put(wcmap_p2p_pdev);
	pci_dev_put(wcmap_pdev);
}

module_init(wcmap_init);
module_exit(wcmap_exit);
MODULE_DESCRIPTION("ncpolicy test: write-combining mappings and their memory type");
MODULE_LICENSE("GPL");
