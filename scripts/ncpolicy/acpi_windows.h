/* SPDX-License-Identifier: GPL-2.0 */
#ifndef NCPOLICY_ACPI_WINDOWS_H
#define NCPOLICY_ACPI_WINDOWS_H

#include <stddef.h>

char *nc_acpi_windows_json(const char *text, size_t len, const char *path);

#endif
