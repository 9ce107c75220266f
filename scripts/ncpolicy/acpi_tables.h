/* SPDX-License-Identifier: GPL-2.0 */
#ifndef NCPOLICY_ACPI_TABLES_H
#define NCPOLICY_ACPI_TABLES_H

#include <stddef.h>
#include <stdio.h>

/* What a file is, by its first bytes. */
enum nc_table_kind {
	NC_TABLE_BAD,		/* none of these, or a broken DSDT/SSDT */
	NC_TABLE_DEFINITION,	/* a DSDT or an SSDT: AML to load */
	NC_TABLE_OTHER,		/* another ACPI table (APIC, MCFG, ...) */
	NC_TABLE_DUMP,		/* acpidump's text output */
};

enum nc_table_kind nc_table_kind(const unsigned char *b, size_t size,
				 char *why, size_t why_size);

/**
 * struct nc_tables - the DSDT and SSDTs to load, as files
 * @paths: their paths, the DSDT first
 * @nr: their number
 * @has_dsdt: @paths[0] is a DSDT
 * @workdir: a temporary directory for what acpixtract writes, or NULL
 */
struct nc_tables {
	char **paths;
	size_t nr;
	int has_dsdt;
	char *workdir;
};

int nc_collect_tables(char *const inputs[], int nr_inputs,
		      struct nc_tables *t, unsigned int seconds, FILE *err);
void nc_tables_free(struct nc_tables *t);

#endif
