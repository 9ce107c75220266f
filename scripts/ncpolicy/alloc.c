// SPDX-License-Identifier: GPL-2.0
/* Growing arrays and formatted strings, for the DT and the ACPI scans. */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>

#include "alloc.h"

/**
 * nc_grow() - make room for @need elements in a realloc()ed array
 * @p: the array (NULL at first)
 * @cap: its capacity in elements, updated
 * @need: the elements wanted
 * @size: the size of one
 *
 * Return: 0, or -1 if out of memory (the array is left as it was).
 */
int nc_grow(void **p, size_t *cap, size_t need, size_t size)
{
	size_t n = *cap ? *cap : 16;
	void *q;

	if (need <= *cap)
		return 0;
	while (n < need)
		n *= 2;
	q = realloc(*p, n * size);
	if (!q)
		return -1;
	*p = q;
	*cap = n;
	return 0;
}

/**
 * nc_asprintf() - a newly allocated formatted string
 * @fmt: printf() format
 *
 * Return: the string (caller frees), or NULL if out of memory.
 */
char *nc_asprintf(const char *fmt, ...)
{
	va_list ap;
	char *s;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (n < 0)
		return NULL;
	s = malloc((size_t)n + 1);
	if (!s)
		return NULL;
	va_start(ap, fmt);
	vsnprintf(s, (size_t)n + 1, fmt, ap);
	va_end(ap);
	return s;
}
