/* SPDX-License-Identifier: GPL-2.0 */
#ifndef NCPOLICY_FDT_SCAN_H
#define NCPOLICY_FDT_SCAN_H

#include <stddef.h>

#include "normal_nc_mmio_rules.h"

/**
 * struct nc_bridge - one enabled PCI host bridge and the facts found for it
 * @path: full node path
 * @firmware: the nearest normal-nc-mmio value, ABSENT if none
 * @fw_path: path of the node that holds it, NULL if none
 * @quirk: first quirk that matches (compatible or a child's PCI ID)
 */
struct nc_bridge {
	char *path;
	enum nc_mmio_value firmware;
	char *fw_path;
	const struct nc_mmio_quirk *quirk;
};

/**
 * struct nc_scan - everything ncpolicy learns from one blob
 * @bridges: enabled host bridges, in tree order
 * @nr_bridges: number of @bridges
 * @problems: "PATH: message" lines for --check, in tree order
 * @nr_problems: number of @problems
 * @warnings: "PATH: message" for invalid values that a bridge uses
 * @nr_warnings: number of @warnings
 */
struct nc_scan {
	struct nc_bridge *bridges;
	size_t nr_bridges;
	char **problems;
	size_t nr_problems;
	char **warnings;
	size_t nr_warnings;
};

int nc_scan_fdt(const void *fdt, struct nc_scan *scan);
void nc_scan_free(struct nc_scan *scan);

#endif
