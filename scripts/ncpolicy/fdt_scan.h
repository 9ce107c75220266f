/* SPDX-License-Identifier: GPL-2.0 */
#ifndef NCPOLICY_FDT_SCAN_H
#define NCPOLICY_FDT_SCAN_H

#include <stddef.h>

#include "normal_nc_mmio_rules.h"

/**
 * struct nc_bridge - one enabled PCI host bridge and the facts found for it
 * @path: full node path, @path_len bytes, not NUL-terminated
 * @path_len: length of @path
 * @fw_len: the node holding the nearest normal-nc-mmio is the first
 *	@fw_len bytes of @path (an ancestor's path is a prefix); 0 if none
 * @firmware: the nearest normal-nc-mmio value, ABSENT if none
 * @quirk: first quirk that matches (compatible or a child's PCI ID)
 */
struct nc_bridge {
	const char *path;
	size_t path_len;
	size_t fw_len;
	enum nc_mmio_value firmware;
	const struct nc_mmio_quirk *quirk;
};

/**
 * struct nc_scan - what ncpolicy learns from one blob, beyond the bridges
 * @bridge: called once per enabled host bridge, in tree order, when its
 *	subtree has been seen (host bridges never nest, so this is also
 *	tree order); a non-zero return stops the scan
 * @ctx: passed to @bridge
 * @problems: "PATH: message" lines for --check, in tree order
 * @nr_problems: number of @problems
 * @warnings: "PATH: message" for invalid values that a bridge uses
 * @nr_warnings: number of @warnings
 */
struct nc_scan {
	int (*bridge)(void *ctx, const struct nc_bridge *b);
	void *ctx;
	char **problems;
	size_t nr_problems;
	char **warnings;
	size_t nr_warnings;
};

/*
 * Walk @fdt once, calling scan->bridge for each host bridge in tree order
 * and recording --check problems and warnings. @fdt must already have
 * passed fdt_check_full(): property headers are read in place.
 */
int nc_scan_fdt(const void *fdt, struct nc_scan *scan);
void nc_scan_free(struct nc_scan *scan);

#endif
