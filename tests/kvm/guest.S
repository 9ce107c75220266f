/* SPDX-License-Identifier: GPL-2.0 */
/*
 * The guest of tests/kvm/vmm.c, copied to guest physical address 0 and
 * entered at EL1 with the MMU off. The VMM passes everything in registers:
 *
 *   x1  MAIR_EL1     attribute 1 is Normal-NC (0x44)
 *   x2  TCR_EL1      4K granule, 39-bit VA, TTBR1 walks disabled
 *   x3  TTBR0_EL1    an identity map the VMM wrote into guest RAM
 *   x6  the BAR      mapped by that table with attribute 1
 *   x7  a value to store at the BAR + 8
 *   x8  an address with no memslot behind it: a store there exits to the VMM
 *
 * With its stage 1 on, the guest translates the BAR address (PAR_EL1 then
 * holds the attribute its stage 1 gave it), reads the BAR's first
 * doubleword, writes x7 to the second, and reports the value it read and
 * PAR_EL1 as two MMIO stores.
 *
 * Then the alignment probe: with its own vectors in VBAR_EL1, it stores x7
 * to the BAR + 17, one unaligned 8-byte store through its Normal-NC stage
 * 1, and reports ESR_EL1 and FAR_EL1 as two more MMIO stores: both 0 if
 * the store completed (a Normal-NC BAR), else the synchronous exception
 * its own EL1 took (the handler records them and resumes after the store).
 * Position independent: no literal addresses. The vectors are 2 KiB
 * aligned from guest_code, which the VMM copies to IPA 0.
 */
	.section .rodata, "a"
	.balign	2048
	.global	guest_code
	.global	guest_code_end
guest_code:
	msr	mair_el1, x1
	msr	tcr_el1, x2
	msr	ttbr0_el1, x3
	isb
	tlbi	vmalle1
	dsb	nsh
	mrs	x4, sctlr_el1
	orr	x4, x4, #(1 << 0)	/* M: stage 1 on */
	orr	x4, x4, #(1 << 2)	/* C: data attributes as mapped */
	orr	x4, x4, #(1 << 12)	/* I: instruction fetch cacheable */
	msr	sctlr_el1, x4
	isb
	at	s1e1r, x6
	isb
	mrs	x9, par_el1
	ldr	x5, [x6]
	str	x7, [x6, #8]
	dsb	sy
	str	x5, [x8]
	str	x9, [x8]
	adr	x10, guest_vectors
	msr	vbar_el1, x10
	isb
	mov	x10, xzr
	mov	x11, xzr
	stur	x7, [x6, #17]	/* the unaligned store */
	dsb	sy
	str	x10, [x8]
	str	x11, [x8]
1:	wfi
	b	1b

/*
 * A synchronous exception from EL1 (SP_EL1 or SP_EL0): ESR_EL1 and
 * FAR_EL1 in x10 and x11, then on after the faulting instruction.
 */
	.balign	2048
guest_vectors:
	b	guest_sync
	.balign	0x200
	b	guest_sync
guest_sync:
	mrs	x10, esr_el1
	mrs	x11, far_el1
	mrs	x12, elr_el1
	add	x12, x12, #4
	msr	elr_el1, x12
	eret
guest_code_end:
