// SPDX-License-Identifier: GPL-2.0
/*
 * Unit tests of the tool's tree walk (fdt_scan.c) against a quirk table
 * the test controls: the shipped table matches by PCI ID only, so the
 * tool tests cannot show that entries by compatible match the bridge's
 * or the root's compatible (SPEC rule 2) and no other node's.
 */
#include <string.h>

#include <libfdt.h>

#include "fdt_scan.h"
#include "test.h"

static const struct nc_mmio_quirk table[] = {
	{ .name = "by-soc", .compatible = "vendor,soc" },
	{ .name = "by-bridge", .compatible = "vendor,soc-pcie" },
	{ .name = "by-id", .vendor = 0x1234, .device = 0x5678 },
};

static char blob[4096];
static int blob_err;	/* the first libfdt error while building */

static void ok(int ret)
{
	if (ret < 0 && !blob_err)
		blob_err = ret;
}

/* Two strings, as a compatible list: pointer and length. */
#define LIST2(a, b) a "\0" b, sizeof(a "\0" b)

static void begin(const char *root_compat, int root_len)
{
	blob_err = 0;
	ok(fdt_create(blob, sizeof(blob)));
	ok(fdt_finish_reservemap(blob));
	ok(fdt_begin_node(blob, ""));
	if (root_compat)
		ok(fdt_property(blob, "compatible", root_compat, root_len));
}

static void node(const char *name, const char *compat)
{
	ok(fdt_begin_node(blob, name));
	if (compat)
		ok(fdt_property_string(blob, "compatible", compat));
}

/* A host bridge; @compat (a list of @len bytes) may be NULL. */
static void bridge(const char *name, const char *compat, int len)
{
	ok(fdt_begin_node(blob, name));
	ok(fdt_property_string(blob, "device_type", "pci"));
	if (compat)
		ok(fdt_property(blob, "compatible", compat, len));
}

static void end(void)
{
	ok(fdt_end_node(blob));
}

/* Close the root; 0 if the whole blob was built. */
static int finish(void)
{
	ok(fdt_end_node(blob));
	ok(fdt_finish(blob));
	return blob_err;
}

/* Scan the blob; the quirk names of its bridges, "-" for none, joined. */
static const char *quirks(void)
{
	static char out[256];
	struct nc_scan scan = { .quirks = table,
				.nr_quirks = sizeof(table) / sizeof(table[0]) };
	size_t i;

	if (nc_scan_fdt(blob, &scan))
		return "scan failed";
	out[0] = '\0';
	for (i = 0; i < scan.nr_bridges; i++) {
		const struct nc_mmio_quirk *q = scan.bridges[i].quirk;

		if (i)
			strcat(out, " ");
		strncat(out, q ? q->name : "-", 64);
	}
	nc_scan_free(&scan);
	return out;
}

static void test_root(void)
{
	/* The root's second compatible names the SoC: every bridge. */
	begin(LIST2("vendor,board", "vendor,soc"));
	bridge("pcie@1000", NULL, 0);
	end();
	node("soc", NULL);
	bridge("pcie@2000", "vendor,other-pcie", sizeof("vendor,other-pcie"));
	end();
	end();
	EXPECT("root compatible: blob", !finish());
	EXPECT("root compatible: every bridge",
	       !strcmp(quirks(), "by-soc by-soc"));
}

static void test_bridge(void)
{
	/* Only the bridge whose list has the compatible, at any place. */
	begin(LIST2("vendor,board", "vendor,board-rev2"));
	bridge("pcie@1000", LIST2("vendor,soc-pcie-b0", "vendor,soc-pcie"));
	end();
	bridge("pcie@2000", "vendor,soc-pcie-b0", sizeof("vendor,soc-pcie-b0"));
	end();
	EXPECT("bridge compatible: blob", !finish());
	EXPECT("bridge compatible: that bridge only",
	       !strcmp(quirks(), "by-bridge -"));

	/* The bridge's own entry is named before the root's. */
	begin("vendor,soc", sizeof("vendor,soc"));
	bridge("pcie@1000", "vendor,soc-pcie", sizeof("vendor,soc-pcie"));
	end();
	bridge("pcie@2000", NULL, 0);
	end();
	EXPECT("bridge and root compatible: blob", !finish());
	EXPECT("bridge and root compatible: bridge's entry first",
	       !strcmp(quirks(), "by-bridge by-soc"));
}

static void test_elsewhere(void)
{
	/*
	 * The compatibles name nothing on a bus above the bridge or on a
	 * device below it; a PCI ID below it does.
	 */
	begin(NULL, 0);
	node("soc", "vendor,soc");
	bridge("pcie@1000", NULL, 0);
	node("dev@0", "vendor,soc-pcie");
	end();
	end();
	bridge("pcie@2000", NULL, 0);
	node("dev@0", "pci1234,5678");
	end();
	end();
	end();
	EXPECT("other nodes: blob", !finish());
	EXPECT("other nodes: only the PCI ID below a bridge",
	       !strcmp(quirks(), "- by-id"));
}

int main(void)
{
	test_root();
	test_bridge();
	test_elsewhere();
	return t_finish("unit-scan");
}
