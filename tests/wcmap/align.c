// SPDX-License-Identifier: GPL-2.0
/*
 * align: what user space sees when it accesses a write-combining mapping
 * of a BAR, the way programs do (tests/wcmap/wcmap-user.c calls it on each
 * user primitive and on the bochs DRM scanout buffer).
 *
 * Below a safe host bridge the page is Normal-NC and every access below
 * succeeds. Below an unsafe one the page is Device-nGnRE, where the
 * architecture faults an unaligned access (QEMU 10's TCG too, with two or
 * more vCPUs): the program gets SIGBUS with si_code BUS_ADRALN. One line
 * per mapping:
 *
 *   NCPROBE wcmap.align.NAME=aligned=R ldr=R str=R memcpy=R
 *
 * aligned  32- and 64-bit loads and stores at aligned addresses
 * ldr      one 64-bit load from an odd address (LDR Xt)
 * str      one 64-bit store to an odd address (STR Xt)
 * memcpy   the C library's memcpy() of 64 bytes to an odd address
 *
 * and R is "ok" (done, and what was stored reads back), "mismatch" (done,
 * but not read back), "adraln" (SIGBUS, BUS_ADRALN, at an address inside
 * the access), or what else happened ("sigbus-CODE", "sigsegv-CODE",
 * "adraln-elsewhere"). The host judges.
 */
#define _GNU_SOURCE
#include <setjmp.h>
#include <signal.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>

#include "align.h"

#define SAY_PREFIX	"NCPROBE wcmap"
#include "../qemu/say.h"

#define ALIGN_PATTERN	0x0123456789abcdefULL
#define ALIGN_COPY	64

static sigjmp_buf align_env;
static volatile sig_atomic_t align_signo;
static volatile sig_atomic_t align_code;
static void *volatile align_addr;

static void align_handler(int signo, siginfo_t *si, void *uc)
{
	(void)uc;
	align_signo = signo;
	align_code = si->si_code;
	align_addr = si->si_addr;
	siglongjmp(align_env, 1);
}

/* memcpy() through a pointer the compiler cannot see through. */
static void *(*volatile align_memcpy)(void *, const void *, size_t) = memcpy;
static volatile size_t align_copy_len = ALIGN_COPY;

enum align_op { OP_ALIGNED, OP_LDR, OP_STR, OP_MEMCPY };

/* The access @op at @va; 0 if what it stored reads back (or no store). */
static int align_access(enum align_op op, volatile uint8_t *va)
{
	uint8_t src[ALIGN_COPY], back[ALIGN_COPY];
	uint64_t v = ALIGN_PATTERN, got = 0;
	volatile uint8_t *odd = va + 1;
	uint32_t w = (uint32_t)v, gw = 0;
	unsigned int i;

	switch (op) {
	case OP_ALIGNED:
		asm volatile("str %w1, [%0]" : : "r"(va), "r"(w) : "memory");
		asm volatile("ldr %w0, [%1]" : "=r"(gw) : "r"(va) : "memory");
		asm volatile("str %x1, [%0]" : : "r"(va + 8), "r"(v) : "memory");
		asm volatile("ldr %x0, [%1]" : "=r"(got) : "r"(va + 8) : "memory");
		return gw != w || got != v;
	case OP_LDR:
		asm volatile("ldr %x0, [%1]" : "=r"(got) : "r"(odd) : "memory");
		return 0;
	case OP_STR:
		asm volatile("str %x1, [%0]" : : "r"(odd), "r"(v) : "memory");
		/* read back byte by byte: aligned on any memory type */
		for (i = 0; i < 8; i++)
			got |= (uint64_t)odd[i] << (8 * i);
		return got != v;
	case OP_MEMCPY:
		for (i = 0; i < ALIGN_COPY; i++)
			src[i] = (uint8_t)(0xa5 ^ i);
		align_memcpy((void *)odd, src, align_copy_len);
		for (i = 0; i < ALIGN_COPY; i++)
			back[i] = odd[i];
		return memcmp(src, back, ALIGN_COPY) != 0;
	}
	return 1;
}

/* One access under SIGBUS and SIGSEGV handlers: its result word. */
static void align_try(enum align_op op, volatile uint8_t *va, char *out,
		      size_t size)
{
	uintptr_t lo = (uintptr_t)va, hi = lo + 8 + ALIGN_COPY;
	struct sigaction sa, old_bus, old_segv;
	int mismatch;

	memset(&sa, 0, sizeof(sa));
	sa.sa_sigaction = align_handler;
	sa.sa_flags = SA_SIGINFO | SA_NODEFER;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGBUS, &sa, &old_bus);
	sigaction(SIGSEGV, &sa, &old_segv);
	align_signo = 0;
	if (sigsetjmp(align_env, 1) == 0) {
		mismatch = align_access(op, va);
		snprintf(out, size, "%s", mismatch ? "mismatch" : "ok");
	} else if (align_signo == SIGBUS && align_code == BUS_ADRALN) {
		/* the fault must be this access's, not some other one */
		snprintf(out, size, "%s",
			 (uintptr_t)align_addr >= lo && (uintptr_t)align_addr < hi ?
			 "adraln" : "adraln-elsewhere");
	} else {
		snprintf(out, size, "%s-%d",
			 align_signo == SIGBUS ? "sigbus" : "sigsegv",
			 (int)align_code);
	}
	sigaction(SIGBUS, &old_bus, NULL);
	sigaction(SIGSEGV, &old_segv, NULL);
}

void align_probe(const char *name, volatile void *va)
{
	char r[4][32];

	align_try(OP_ALIGNED, va, r[0], sizeof(r[0]));
	align_try(OP_LDR, va, r[1], sizeof(r[1]));
	align_try(OP_STR, va, r[2], sizeof(r[2]));
	align_try(OP_MEMCPY, va, r[3], sizeof(r[3]));
	say(".align.%s=aligned=%s ldr=%s str=%s memcpy=%s", name, r[0], r[1],
	    r[2], r[3]);
}
