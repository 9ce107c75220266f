// SPDX-License-Identifier: GPL-2.0
/*
 * What --check says about a property wherever it is found, a DT property
 * or a _DSD key: near-miss spellings of the name, and why a value is not
 * one of the two strings.
 */
#include <stdbool.h>
#include <stdio.h>
#include <string.h>

#include "lint.h"
#include "normal_nc_mmio_rules.h"

/* Compare as equal: case, and '_' for '-', are the usual slips. */
static char fold(char c)
{
	if (c == '_')
		return '-';
	return c >= 'A' && c <= 'Z' ? (char)(c - 'A' + 'a') : c;
}

/**
 * nc_near_miss() - is @name probably normal-nc-mmio misspelt?
 * @name: a property name, NUL-terminated
 *
 * Within two edits of it (Levenshtein distance, case and '_' for '-'
 * folded): normal_nc_mmio, Normal-NC-MMIO, normal-nc-mmi, nomral-nc-mmio.
 * The kernel reads only the exact name, so such a property says nothing,
 * and the board gets the opposite of what was meant as often as not.
 *
 * Return: true for a near miss (never for the name itself).
 */
bool nc_near_miss(const char *name)
{
	static const char want[] = NC_MMIO_PROP;
	const size_t m = sizeof(want) - 1;
	size_t n = strlen(name), i, j;
	size_t row[sizeof(want)], diag, up, best;

	if (n + 2 < m || n > m + 2 || !strcmp(name, want))
		return false;
	for (j = 0; j <= m; j++)
		row[j] = j;
	for (i = 1; i <= n; i++) {
		diag = row[0];
		row[0] = i;
		best = row[0];
		for (j = 1; j <= m; j++) {
			up = row[j];
			row[j] = diag + (fold(name[i - 1]) != want[j - 1]);
			if (up + 1 < row[j])
				row[j] = up + 1;
			if (row[j - 1] + 1 < row[j])
				row[j] = row[j - 1] + 1;
			diag = up;
			if (row[j] < best)
				best = row[j];
		}
		if (best > 2)
			return false;
	}
	return row[m] <= 2;
}

/**
 * nc_describe_invalid() - why a property value is not "safe" or "unsafe"
 * @v: the value's bytes, as a DT property holds them (a string with its
 *	NUL)
 * @len: their number
 * @buf: the description, a few words for a message
 * @size: its size
 */
void nc_describe_invalid(const char *v, int len, char *buf, size_t size)
{
	size_t i, o = 0;

	if (len == 0) {
		snprintf(buf, size, "empty value");
		return;
	}
	if (v[len - 1] != '\0') {
		snprintf(buf, size, "not a NUL-terminated string");
		return;
	}
	if (v[0] == '\0') {
		snprintf(buf, size, "not a string");
		return;
	}
	if (strlen(v) != (size_t)len - 1) {
		snprintf(buf, size, "more than one string");
		return;
	}
	o = (size_t)snprintf(buf, size, "unknown value \"");
	for (i = 0; v[i] && o + 8 < size; i++) {
		unsigned char c = (unsigned char)v[i];

		if (i == 32) {
			o += (size_t)snprintf(buf + o, size - o, "...");
			break;
		}
		if (c < 0x20 || c >= 0x7f || c == '"' || c == '\\')
			o += (size_t)snprintf(buf + o, size - o, "\\x%02x", c);
		else
			buf[o++] = (char)c;
	}
	snprintf(buf + o, size - o, "\"");
}
