/* SPDX-License-Identifier: GPL-2.0 */
#ifndef NCPOLICY_CMDLINE_H
#define NCPOLICY_CMDLINE_H

#include <stddef.h>

#include "normal_nc_mmio_rules.h"

/**
 * struct nc_cmdline_param - the normal_nc_mmio= parameter found on a command line
 * @value: its classification (last occurrence wins), ABSENT if none
 * @text: the raw value of the last occurrence, or NULL for a bare name
 * @found: true if the parameter appeared at all
 */
struct nc_cmdline_param {
	enum nc_mmio_value value;
	char *text;
	int found;
};

int nc_cmdline_find(const char *cmdline, struct nc_cmdline_param *p);
void nc_cmdline_param_free(struct nc_cmdline_param *p);

#endif
