// SPDX-License-Identifier: GPL-2.0
/*
 * A host bridge's memory windows, from what acpiexec's "resources"
 * command printed: ACPICA decodes the _CRS resource template
 * (acpi_rs_dump_resource_list()), and this reads its text. A window is
 * what Linux makes of a memory descriptor (acpi_decode_space(),
 * acpi_dev_resource_memory()): an address space descriptor of type
 * Memory Range, minimum to maximum plus a producer's translation offset,
 * or a fixed or ranged 24/32-bit memory descriptor, from its address for
 * its length. A zero length is no window.
 */
#define _GNU_SOURCE
#include <inttypes.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "acpi_windows.h"

struct desc {
	bool open;
	bool space;		/* an address space descriptor */
	bool memory;		/* of memory (or a 24/32-bit memory one) */
	bool fixed;		/* "Address" + length, not minimum/maximum */
	bool producer;
	uint64_t min, max, offset, length, address;
};

struct out {
	char *s;
	size_t len, cap;
	bool failed;
};

static void put(struct out *o, const char *fmt, uint64_t a, uint64_t b)
{
	int n = snprintf(NULL, 0, fmt, a, b);
	char *p;

	if (o->failed || n < 0)
		goto fail;
	if (o->len + (size_t)n + 1 > o->cap) {
		o->cap = (o->len + (size_t)n + 1) * 2;
		p = realloc(o->s, o->cap);
		if (!p)
			goto fail;
		o->s = p;
	}
	snprintf(o->s + o->len, (size_t)n + 1, fmt, a, b);
	o->len += (size_t)n;
	return;
fail:
	o->failed = true;
}

static void close_desc(struct desc *d, struct out *o, int *count)
{
	uint64_t start, end;

	if (!d->open || !d->memory || !d->length)
		goto done;
	if (d->space) {
		start = d->min + (d->producer ? d->offset : 0);
		end = d->max + (d->producer ? d->offset : 0);
	} else {
		start = d->fixed ? d->address : d->min;
		end = start + d->length - 1;
	}
	if (end < start)
		goto done;
	put(o, *count ? ", {\"start\": \"0x%" PRIx64 "\", \"end\": \"0x%" PRIx64 "\"}" :
		"{\"start\": \"0x%" PRIx64 "\", \"end\": \"0x%" PRIx64 "\"}",
	    start, end);
	(*count)++;
done:
	memset(d, 0, sizeof(*d));
}

/* "      Address Minimum : 0000008000000000": the value as hex. */
static bool field(const char *s, size_t n, const char *name, uint64_t *v)
{
	size_t k = strlen(name), i;
	const char *p;

	while (n && *s == ' ') {
		s++;
		n--;
	}
	if (n < k + 3 || memcmp(s, name, k) || memcmp(s + k, " : ", 3))
		return false;
	p = s + k + 3;
	n -= k + 3;
	*v = 0;
	for (i = 0; i < n && i < 16; i++) {
		char c = p[i];
		int h = c >= '0' && c <= '9' ? c - '0' :
			c >= 'A' && c <= 'F' ? c - 'A' + 10 : -1;

		if (h < 0)
			break;
		*v = *v << 4 | (uint64_t)h;
	}
	return i > 0;
}

static bool has(const char *s, size_t n, const char *text)
{
	return memmem(s, n, text, strlen(text)) != NULL;
}

/**
 * nc_acpi_windows_json() - the memory windows of one device, as JSON
 * @text: acpiexec's output for "resources PATH;..."
 * @len: its length
 * @path: the device, as given to "resources"
 *
 * Return: a JSON array ("[]" if the device has no window or its _CRS
 * could not be read), or NULL if out of memory. Caller frees.
 */
char *nc_acpi_windows_json(const char *text, size_t len, const char *path)
{
	const char *p = text, *end = text + len, *nl;
	struct out o = { 0 };
	struct desc d = { 0 };
	bool in = false, crs = false;
	size_t n, plen = strlen(path);
	uint64_t v;
	int count = 0;

	put(&o, "[", 0, 0);
	for (; p < end; p = nl ? nl + 1 : end) {
		nl = memchr(p, '\n', (size_t)(end - p));
		n = (size_t)((nl ? nl : end) - p);
		if (n >= 8 && !memcmp(p, "Device: ", 8)) {
			close_desc(&d, &o, &count);
			in = n == 8 + plen && !memcmp(p + 8, path, plen);
			crs = false;
			continue;
		}
		if (!in)
			continue;
		if (n >= 11 && !memcmp(p, "Evaluating ", 11)) {
			close_desc(&d, &o, &count);
			crs = n == 15 && !memcmp(p + 11, "_CRS", 4);
			continue;
		}
		if (!crs)
			continue;
		if (has(p, n, "Resource Conversion Comparison")) {
			close_desc(&d, &o, &count);
			crs = false;
			continue;
		}
		if (n && p[0] == '[' && has(p, n, "] ")) {
			close_desc(&d, &o, &count);
			d.open = true;
			d.space = has(p, n, "Address Space Resource");
			d.memory = has(p, n, "Memory Range Resource");
			d.fixed = has(p, n, "Fixed Memory Range");
			continue;
		}
		if (!d.open)
			continue;
		if (has(p, n, "Resource Type : Memory Range"))
			d.memory = true;
		else if (has(p, n, "Consumer/Producer : ResourceProducer"))
			d.producer = true;
		else if (field(p, n, "Address Minimum", &v))
			d.min = v;
		else if (field(p, n, "Address Maximum", &v))
			d.max = v;
		else if (field(p, n, "Translation Offset", &v))
			d.offset = v;
		else if (field(p, n, "Address Length", &v))
			d.length = v;
		else if (field(p, n, "Address", &v))
			d.address = v;
	}
	close_desc(&d, &o, &count);
	put(&o, "]", 0, 0);
	if (o.failed) {
		free(o.s);
		return NULL;
	}
	return o.s;
}
