/* SPDX-License-Identifier: GPL-2.0 */
#ifndef NCPOLICY_ALLOC_H
#define NCPOLICY_ALLOC_H

#include <stddef.h>

int nc_grow(void **p, size_t *cap, size_t need, size_t size);
char *nc_asprintf(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

#endif
