/* SPDX-License-Identifier: GPL-2.0 */
#ifndef NCPOLICY_ACPI_SCAN_H
#define NCPOLICY_ACPI_SCAN_H

#include <stdint.h>

#include "acpi_ns.h"
#include "fdt_scan.h"

/**
 * struct nc_acpi_bridge - what the ACPI scan adds to a host bridge
 * @node: its index in the namespace's nodes
 * @segment: _SEG, as Linux keeps it (low 16 bits; 0 without _SEG)
 * @bus: _BBN (0 without _BBN)
 */
struct nc_acpi_bridge {
	long node;
	uint64_t segment;
	uint64_t bus;
};

int nc_scan_acpi(const struct nc_ans *ns, struct nc_scan *scan,
		 struct nc_acpi_bridge **bridges, char **failure);

#endif
