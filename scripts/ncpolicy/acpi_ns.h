/* SPDX-License-Identifier: GPL-2.0 */
#ifndef NCPOLICY_ACPI_NS_H
#define NCPOLICY_ACPI_NS_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* The types of ACPICA's external objects that the rules tell apart. */
enum nc_aobj_type {
	NC_AOBJ_OTHER = 0,
	NC_AOBJ_INTEGER,
	NC_AOBJ_STRING,
	NC_AOBJ_BUFFER,
	NC_AOBJ_PACKAGE,
	NC_AOBJ_REFERENCE,
};

/**
 * struct nc_aobj - an object that an evaluation returned, as acpiexec
 *	printed it
 * @type: its type
 * @integer: an integer's value
 * @data: a string's bytes (NUL-terminated) or a buffer's bytes
 * @len: a string's or buffer's length as ACPICA gave it
 * @partial: acpiexec did not print all of @data (a string longer than
 *	255 bytes): only the first bytes are known
 * @elems: a package's elements
 * @count: their number
 */
struct nc_aobj {
	enum nc_aobj_type type;
	uint64_t integer;
	char *data;
	size_t len;
	bool partial;
	struct nc_aobj *elems;
	size_t count;
};

/* The objects ncpolicy evaluates on every device. */
enum nc_ameth {
	NC_AM_HID,
	NC_AM_CID,
	NC_AM_STA,
	NC_AM_DSD,
	NC_AM_SEG,
	NC_AM_BBN,
	NC_AM_COUNT
};

/**
 * struct nc_aresult - what evaluating one object of a device gave
 * @present: the device has the object
 * @status: ACPICA's status name ("AE_OK" on success)
 * @has_obj: an object was returned, in @obj
 * @obj: the object
 */
struct nc_aresult {
	bool present;
	char *status;
	bool has_obj;
	struct nc_aobj obj;
};

/**
 * struct nc_anode - one namespace node for which Linux makes an ACPI
 *	device: the root, a Device, Processor, ThermalZone or PowerResource
 * @path: its normalized path ("\", "\_SB", "\_SB.PCI0": trailing '_' of
 *	each name dropped, as Linux prints it)
 * @path_len: length of @path
 * @parent: index of the nearest such ancestor, -1 for the root
 * @res: the results of the objects in enum nc_ameth
 */
struct nc_anode {
	char *path;
	size_t path_len;
	long parent;
	struct nc_aresult res[NC_AM_COUNT];
};

/**
 * struct nc_aorphan - a _DSD that belongs to no device (on a Scope), which
 *	Linux never reads
 * @path: the path of the node holding it
 * @res: its evaluation
 */
struct nc_aorphan {
	char *path;
	struct nc_aresult res;
};

/**
 * struct nc_ans - the namespace as acpiexec showed it
 * @nodes: the device nodes in namespace order; @nodes[0] is the root
 * @nr_nodes: their number
 * @orphans: _DSD objects outside devices
 * @nr_orphans: their number
 * @sorted: indices of @nodes sorted by path, for lookups
 */
struct nc_ans {
	struct nc_anode *nodes;
	size_t nr_nodes;
	struct nc_aorphan *orphans;
	size_t nr_orphans;
	size_t *sorted;
};

/* The batch commands whose output nc_parse_acpiexec() reads. */
#define NC_ACPIEXEC_BATCH \
	"paths;all _HID;all _CID;all _STA;all _DSD;all _SEG;all _BBN"

const char *nc_parse_acpiexec(const char *text, size_t len,
			      struct nc_ans *ns);
long nc_ans_find(const struct nc_ans *ns, const char *path, size_t len);
void nc_ans_free(struct nc_ans *ns);
void nc_aobj_free(struct nc_aobj *o);

#endif
