/* SPDX-License-Identifier: GPL-2.0 */
#ifndef NCPOLICY_FDT_SCAN_H
#define NCPOLICY_FDT_SCAN_H

#include <stddef.h>

#include "normal_nc_mmio_rules.h"

/**
 * struct nc_bridge - one enabled PCI host bridge and the facts found for it
 * @path: full node path, NUL-terminated, bytes as in the blob
 * @path_len: length of @path
 * @fw_len: the node holding the nearest normal-nc-mmio is the first
 *	@fw_len bytes of @path (an ancestor's path is a prefix); 0 if none
 * @firmware: the nearest normal-nc-mmio value, ABSENT if none
 * @quirk: first quirk that matches (compatible or a child's PCI ID)
 * @json_extra: more members for the bridge's --json object, already
 *	JSON ("\"segment\": 0, ..."), or NULL
 */
struct nc_bridge {
	char *path;
	size_t path_len;
	size_t fw_len;
	enum nc_mmio_value firmware;
	const struct nc_mmio_quirk *quirk;
	char *json_extra;
};

/**
 * struct nc_scan - what ncpolicy learns from one blob
 * @quirks: the quirk table to match; NULL for the shipped one
 * @nr_quirks: entries in @quirks
 * @bridges: the enabled host bridges, in tree order
 * @nr_bridges: number of @bridges
 * @problems: "PATH: message" lines for --check, in tree order; paths raw
 * @nr_problems: number of @problems
 * @chosen: offset of /chosen, as fdt_path_offset(fdt, "/chosen") finds
 *	it ("chosen" or "chosen@UNIT"), or -1
 * @overlay: the blob is an overlay (__overlay__ or /__fixups__ seen); the
 *	scan stopped there
 */
struct nc_scan {
	const struct nc_mmio_quirk *quirks;
	size_t nr_quirks;
	struct nc_bridge *bridges;
	size_t nr_bridges;
	char **problems;
	size_t nr_problems;
	int chosen;
	int overlay;
};

/*
 * Walk @fdt once with libfdt, collecting the host bridges and their facts
 * and the --check problems. @fdt must already have passed
 * nc_validate_blob().
 */
int nc_scan_fdt(const void *fdt, struct nc_scan *scan);
void nc_scan_free(struct nc_scan *scan);

#endif
