// SPDX-License-Identifier: GPL-2.0
/*
 * Time ncpolicy's whole path (nc_report(): validate, walk, resolve, print
 * to /dev/null) on one blob, next to the floor: libfdt validating the
 * blob (fdt_check_full()) and visiting every node once (fdt_next_node()
 * plus fdt_get_name()), which any checker must do. In-process, so process
 * start-up and file reading do not blur small blobs.
 *
 * usage: bench_resolve BLOB RUNS
 * prints: nodes bytes tool_median tool_min tool_max floor_median floor_min
 *         floor_max (microseconds), ratio of medians
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <libfdt.h>

#include "report.h"

static double now_us(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e6 + ts.tv_nsec / 1e3;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

static volatile long sink;

static int floor_walk(const void *fdt, size_t size)
{
	int off, depth = 0, len, nodes = 0;

	if (fdt_check_full(fdt, size))
		return -1;
	for (off = 0; off >= 0; off = fdt_next_node(fdt, off, &depth)) {
		sink += (long)fdt_get_name(fdt, off, &len) + len;
		nodes++;
	}
	return nodes;
}

int main(int argc, char **argv)
{
	struct nc_options opt = { .name = "bench", .default_safe = 1 };
	double *tool, *flo, t;
	size_t size = 0, cap = 1 << 20, got;
	int runs, i, nodes;
	char *blob = malloc(cap);
	FILE *f, *devnull;

	if (argc != 3 || !blob)
		return 2;
	runs = atoi(argv[2]);
	f = fopen(argv[1], "rb");
	if (!f)
		return 2;
	while ((got = fread(blob + size, 1, cap - size, f)) > 0) {
		size += got;
		if (size == cap) {
			cap *= 2;
			blob = realloc(blob, cap);
			if (!blob)
				return 1;
		}
	}
	fclose(f);
	devnull = fopen("/dev/null", "w");
	tool = calloc(runs, sizeof(*tool));
	flo = calloc(runs, sizeof(*flo));
	if (!devnull || !tool || !flo)
		return 1;

	nodes = floor_walk(blob, size);
	if (nodes < 0 || nc_report(blob, size, &opt, devnull, devnull))
		return 1;
	/* Alternate the two so drift in machine load hits both alike. */
	for (i = 0; i < runs; i++) {
		t = now_us();
		nc_report(blob, size, &opt, devnull, devnull);
		tool[i] = now_us() - t;
		t = now_us();
		floor_walk(blob, size);
		flo[i] = now_us() - t;
	}
	qsort(tool, runs, sizeof(*tool), cmp_double);
	qsort(flo, runs, sizeof(*flo), cmp_double);
	printf("%d %zu %.1f %.1f %.1f %.1f %.1f %.1f %.2f\n", nodes, size,
	       tool[runs / 2], tool[0], tool[runs - 1],
	       flo[runs / 2], flo[0], flo[runs - 1],
	       tool[runs / 2] / flo[runs / 2]);
	return 0;
}
