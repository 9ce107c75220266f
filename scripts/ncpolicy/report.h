/* SPDX-License-Identifier: GPL-2.0 */
#ifndef NCPOLICY_REPORT_H
#define NCPOLICY_REPORT_H

#include <stddef.h>
#include <stdio.h>

#include "normal_nc_mmio_rules.h"

/**
 * struct nc_options - what the command line asked for
 * @cmdline: kernel command line to resolve against, or NULL: then the
 *	blob's /chosen/bootargs unless @running
 * @running: the blob is the running system's (no FILE was given); its
 *	command line is /proc/cmdline, which the caller puts in @cmdline
 * @default_safe: rule 4's default
 * @soc: the SoC ID to resolve as (--soc-id); a negative version: none,
 *	as on a system whose firmware does not implement SMCCC SoC_ID
 * @json: print JSON instead of lines
 * @check: lint instead of resolving
 * @name: what to call the blob in messages
 */
struct nc_options {
	const char *cmdline;
	int running;
	int default_safe;
	struct nc_mmio_soc_id soc;
	int json;
	int check;
	const char *name;
};

/* Exit codes, as SPEC.md fixes them. */
#define NC_EXIT_OK	0
#define NC_EXIT_PROBLEMS 1
#define NC_EXIT_USAGE	2

struct nc_scan;

int nc_report_scan(const struct nc_scan *scan, const char *cmdline,
		   const struct nc_options *opt, FILE *out, FILE *err,
		   size_t *quirk_could_decide);
int nc_print_check(const struct nc_scan *scan, FILE *out);
int nc_report(const void *blob, size_t size, const struct nc_options *opt,
	      FILE *out, FILE *err);

#endif
