// SPDX-License-Identifier: GPL-2.0
/*
 * Write a synthetic blob for the benchmarks with libfdt's sequential-write
 * API: a chain of DEPTH-1 simple-bus nodes, then BRIDGES PCI host bridges
 * at the bottom, each with one endpoint child. The root says unsafe,
 * every third bridge says safe, so the walk and the inheritance both work.
 *
 * usage: gen_blob BRIDGES DEPTH OUT.dtb
 */
#include <stdio.h>
#include <stdlib.h>

#include <libfdt.h>

#define CHECK(x) do { if ((x) < 0) { fprintf(stderr, "gen_blob: %s failed\n", #x); exit(1); } } while (0)

int main(int argc, char **argv)
{
	long bridges, depth, i;
	size_t cap;
	char name[64];
	void *fdt;
	FILE *f;

	if (argc != 4) {
		fprintf(stderr, "usage: gen_blob BRIDGES DEPTH OUT.dtb\n");
		return 2;
	}
	bridges = atol(argv[1]);
	depth = atol(argv[2]);
	if (bridges < 0 || depth < 1)
		return 2;
	cap = 4096 + (size_t)bridges * 512 + (size_t)depth * 128;
	fdt = malloc(cap);
	if (!fdt)
		return 1;

	CHECK(fdt_create(fdt, (int)cap));
	CHECK(fdt_finish_reservemap(fdt));
	CHECK(fdt_begin_node(fdt, ""));
	CHECK(fdt_property_string(fdt, "compatible", "ncpolicy,bench"));
	CHECK(fdt_property_u32(fdt, "#address-cells", 2));
	CHECK(fdt_property_u32(fdt, "#size-cells", 2));
	CHECK(fdt_property_string(fdt, "normal-nc-mmio", "unsafe"));
	for (i = 1; i < depth; i++) {
		snprintf(name, sizeof(name), "bus@%lx", i);
		CHECK(fdt_begin_node(fdt, name));
		CHECK(fdt_property_string(fdt, "compatible", "simple-bus"));
		CHECK(fdt_property_u32(fdt, "#address-cells", 2));
		CHECK(fdt_property_u32(fdt, "#size-cells", 2));
		CHECK(fdt_property(fdt, "ranges", NULL, 0));
	}
	for (i = 0; i < bridges; i++) {
		snprintf(name, sizeof(name), "pcie@%lx", 0x40000000 + i * 0x1000);
		CHECK(fdt_begin_node(fdt, name));
		CHECK(fdt_property_string(fdt, "compatible", "pci-host-ecam-generic"));
		CHECK(fdt_property_string(fdt, "device_type", "pci"));
		CHECK(fdt_property_u32(fdt, "#address-cells", 3));
		CHECK(fdt_property_u32(fdt, "#size-cells", 2));
		CHECK(fdt_property_u64(fdt, "reg", 0x40000000 + i * 0x1000));
		if (i % 3 == 0)
			CHECK(fdt_property_string(fdt, "normal-nc-mmio", "safe"));
		CHECK(fdt_begin_node(fdt, "ep@0,0"));
		CHECK(fdt_property_string(fdt, "compatible", "pci1af4,1110"));
		CHECK(fdt_property_u32(fdt, "reg", 0));
		CHECK(fdt_end_node(fdt));
		CHECK(fdt_end_node(fdt));
	}
	for (i = 1; i < depth; i++)
		CHECK(fdt_end_node(fdt));
	CHECK(fdt_end_node(fdt));
	CHECK(fdt_finish(fdt));
	CHECK(fdt_pack(fdt));

	f = fopen(argv[3], "wb");
	if (!f || fwrite(fdt, fdt_totalsize(fdt), 1, f) != 1 || fclose(f))
		return 1;
	free(fdt);
	return 0;
}
