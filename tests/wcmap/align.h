/* SPDX-License-Identifier: GPL-2.0 */
/*
 * align.c: aligned and unaligned accesses, as programs make them, to a
 * page of a user mapping, reported as "NCPROBE wcmap.align.NAME=...".
 */
#ifndef WCMAP_ALIGN_H
#define WCMAP_ALIGN_H

/* At least 8 + 1 + 64 bytes from @va must be mapped, readable, writable. */
void align_probe(const char *name, volatile void *va);

#endif /* WCMAP_ALIGN_H */
