/* SPDX-License-Identifier: GPL-2.0 */
#ifndef NCPOLICY_ACPI_REPORT_H
#define NCPOLICY_ACPI_REPORT_H

#include <stdio.h>

#include "report.h"

/* The running system's tables, read with no FILE. */
#define SYS_ACPI_TABLES	"/sys/firmware/acpi/tables"

int nc_report_acpi(char *const inputs[], int nr_inputs,
		   const struct nc_options *opt, FILE *out, FILE *err);
int nc_report_acpiexec(const char *text, size_t len, const char *windows,
		       size_t windows_len, const struct nc_options *opt,
		       FILE *out, FILE *err);

#endif
