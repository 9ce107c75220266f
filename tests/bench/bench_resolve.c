// SPDX-License-Identifier: GPL-2.0
/*
 * Time ncpolicy's whole path (nc_report(): validate, walk, resolve, print
 * to /dev/null) on one blob, side by side with a plain libfdt pass that
 * visits every node with fdt_next_node() and reads the properties the
 * rules need with fdt_getprop(), and with libfdt's own validation
 * (fdt_check_full()), which the tool also runs. In-process, so process
 * start-up and file reading do not blur small blobs.
 *
 * The machine may be busy with other work that preempts the benchmark and
 * evicts its caches, which only ever adds time: the runs are interleaved,
 * in alternating order, and the ratio is taken of the fastest run of each
 * (min-of-N), the figure that load disturbs least. Times are wall clock
 * (CLOCK_MONOTONIC), which cannot run short; the thread's CPU clock
 * would leave out preemption, but on a virtual machine it now and then
 * under-counts a run by a third, and the minimum picks exactly that run.
 *
 * usage: bench_resolve BLOB RUNS
 * prints: nodes bytes tool_min tool_median plain_min plain_median check_min
 *         (microseconds) and tool/plain, the ratio of the minima
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

static int plain_pass(const void *fdt)
{
	static const char *const props[] = {
		"device_type", "status", "normal-nc-mmio", "compatible",
	};
	int off, depth = 0, len, nodes = 0;
	size_t i;

	for (off = 0; off >= 0 && depth >= 0;
	     off = fdt_next_node(fdt, off, &depth)) {
		for (i = 0; i < sizeof(props) / sizeof(props[0]); i++)
			sink += (long)fdt_getprop(fdt, off, props[i], &len) + len;
		nodes++;
	}
	return nodes;
}

static double time_plain(const void *fdt)
{
	double t = now_us();

	plain_pass(fdt);
	return now_us() - t;
}

static double time_tool(const void *blob, size_t size,
			const struct nc_options *opt, FILE *devnull)
{
	double t = now_us();

	nc_report(blob, size, opt, devnull, devnull);
	return now_us() - t;
}

int main(int argc, char **argv)
{
	struct nc_options opt = { .name = "bench", .default_safe = 1 };
	double *tool, *plain, *check, t;
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
	plain = calloc(runs, sizeof(*plain));
	check = calloc(runs, sizeof(*check));
	if (!devnull || !tool || !plain || !check)
		return 1;

	if (fdt_check_full(blob, size))
		return 1;
	nodes = plain_pass(blob);
	if (nc_report(blob, size, &opt, devnull, devnull))
		return 1;
	/*
	 * Interleave the three so drift in machine load hits all alike, and
	 * swap the tool and the plain pass each round so neither always runs
	 * on the caches the other left.
	 */
	for (i = 0; i < runs; i++) {
		if (i & 1) {
			plain[i] = time_plain(blob);
			tool[i] = time_tool(blob, size, &opt, devnull);
		} else {
			tool[i] = time_tool(blob, size, &opt, devnull);
			plain[i] = time_plain(blob);
		}
		t = now_us();
		sink += fdt_check_full(blob, size);
		check[i] = now_us() - t;
	}
	qsort(tool, runs, sizeof(*tool), cmp_double);
	qsort(plain, runs, sizeof(*plain), cmp_double);
	qsort(check, runs, sizeof(*check), cmp_double);
	printf("%d %zu %.1f %.1f %.1f %.1f %.1f %.2f\n", nodes, size,
	       tool[0], tool[runs / 2], plain[0], plain[runs / 2], check[0],
	       tool[0] / plain[0]);
	return 0;
}
