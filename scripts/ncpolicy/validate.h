/* SPDX-License-Identifier: GPL-2.0 */
#ifndef NCPOLICY_VALIDATE_H
#define NCPOLICY_VALIDATE_H

#include <stddef.h>
#include <stdio.h>

int nc_validate_blob(const void *blob, size_t size, const char *name,
		     FILE *err);

#endif
