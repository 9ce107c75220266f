/* SPDX-License-Identifier: GPL-2.0 */
#ifndef NCPOLICY_LINT_H
#define NCPOLICY_LINT_H

#include <stdbool.h>
#include <stddef.h>

bool nc_near_miss(const char *name);
void nc_describe_invalid(const char *v, int len, char *buf, size_t size);

#endif
