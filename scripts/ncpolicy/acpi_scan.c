// SPDX-License-Identifier: GPL-2.0
/*
 * The facts the shared rules decide on, from an ACPI namespace that
 * acpiexec evaluated: the host bridges (_HID or _CID PNP0A03, which a
 * PNP0A08 bridge has as _CID; present by _STA with every ancestor), the nearest normal-nc-mmio _DSD
 * device property of each, quirks matched by a _DSD "compatible", and
 * the --check problems.
 *
 * Properties are read as Linux reads them (drivers/acpi/property.c):
 * _DSD is a package of UUID buffer / package pairs, read up to the first
 * pair that is not one; the pairs under a device-properties UUID whose
 * every property is a {string key, value} pair with an integer, string,
 * reference or a package of those as value hold the properties, and the
 * first one with a name counts. A string, or a package of one string,
 * reads as that string (fwnode_property_read_string()); anything else
 * present reads as an invalid value.
 */
#include <inttypes.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <linux/array_size.h>

#include "acpi_scan.h"
#include "alloc.h"
#include "lint.h"

#define DSD_UUID	"daffd814-6eba-4d8c-8a91-bc9bbf4aa301"

/*
 * The UUIDs whose packages Linux reads as device properties (prp_guids[]
 * in drivers/acpi/property.c): the device-properties UUID first, then
 * those of other specifications that Linux reads the same way.
 */
static const char *const prop_uuids[] = {
	DSD_UUID,
	"6211e2c0-58a3-4af3-90e1-927a4e0c55a4",	/* hotplug in D3 */
	"efcc06cc-73ac-4bc3-bff0-76143807c389",	/* external facing port */
	"c44d002f-69f9-4e7d-a904-a7baabdf43f7",	/* Thunderbolt IMR_VALID */
	"6c501103-c189-4296-ba72-9bf5a26ebe5d",	/* Thunderbolt WAKE_SUPPORTED */
	"5025030f-842f-4ab4-a561-99a5189762d0",	/* storage D3 */
};

/*
 * The host bridge ID, of _HID or _CID, that Linux's PCI root driver binds
 * (root_device_ids[] in drivers/acpi/pci_root.c); a PCI Express bridge's
 * PNP0A08 comes with it as a _CID, as the ACPI specification requires.
 */
#define HOST_ID		"PNP0A03"
#define PCIE_HOST_ID	"PNP0A08"

/* The buffer-properties UUID: Linux reads its values as buffers. */
#define BUFFER_UUID	"edb12dd0-363d-4085-a3d2-49522ca160c4"

/* _STA bits: present, functional (acpi_device_is_present()). */
#define STA_PRESENT	0x1
#define STA_FUNCTIONAL	0x8

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* A UUID's text in ToUUID()'s byte order: the first three fields LE. */
static void uuid_bytes(const char *s, unsigned char b[16])
{
	static const int order[16] = {
		3, 2, 1, 0, 5, 4, 7, 6, 8, 9, 10, 11, 12, 13, 14, 15
	};
	unsigned char raw[16];
	int i = 0;

	for (; *s && i < 16; s++) {
		if (*s == '-')
			continue;
		raw[i++] = (unsigned char)(hexval(s[0]) << 4 | hexval(s[1]));
		s++;
	}
	for (i = 0; i < 16; i++)
		b[i] = raw[order[i]];
}

static void uuid_text(const unsigned char b[16], char out[37])
{
	snprintf(out, 37,
		 "%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
		 b[3], b[2], b[1], b[0], b[5], b[4], b[7], b[6], b[8], b[9],
		 b[10], b[11], b[12], b[13], b[14], b[15]);
}

/* Index in prop_uuids[] of a _DSD's UUID buffer, -1 if none. */
static int prop_uuid(const struct nc_aobj *guid)
{
	unsigned char b[16];
	size_t i;

	for (i = 0; i < ARRAY_SIZE(prop_uuids); i++) {
		uuid_bytes(prop_uuids[i], b);
		if (!memcmp(guid->data, b, 16))
			return (int)i;
	}
	return -1;
}

/* acpi_property_value_ok() */
static bool value_ok(const struct nc_aobj *v)
{
	size_t i;

	switch (v->type) {
	case NC_AOBJ_INTEGER:
	case NC_AOBJ_STRING:
	case NC_AOBJ_REFERENCE:
		return true;
	case NC_AOBJ_PACKAGE:
		for (i = 0; i < v->count; i++)
			if (v->elems[i].type != NC_AOBJ_INTEGER &&
			    v->elems[i].type != NC_AOBJ_STRING &&
			    v->elems[i].type != NC_AOBJ_REFERENCE)
				return false;
		return true;
	default:
		return false;
	}
}

/*
 * acpi_properties_format_valid(); NULL if valid, else what is wrong with
 * the first bad property, for --check.
 */
static const char *props_invalid(const struct nc_aobj *props)
{
	const struct nc_aobj *p;
	size_t i;

	for (i = 0; i < props->count; i++) {
		p = &props->elems[i];
		if (p->type != NC_AOBJ_PACKAGE || p->count != 2)
			return "a property that is not a {key, value} package";
		if (p->elems[0].type != NC_AOBJ_STRING)
			return "a key that is not a string";
		if (!value_ok(&p->elems[1]))
			return "a value that is not an integer, string, reference or a package of those";
	}
	return NULL;
}

/* A well-formed UUID buffer / package pair at @i of _DSD @dsd? */
static bool pair_ok(const struct nc_aobj *dsd, size_t i)
{
	const struct nc_aobj *guid = &dsd->elems[i];

	return guid->type == NC_AOBJ_BUFFER && guid->len == 16 &&
	       !guid->partial && dsd->elems[i + 1].type == NC_AOBJ_PACKAGE;
}

/* The _DSD package of a node, as acpi_evaluate_object_typed() gets it. */
static const struct nc_aobj *dsd_of(const struct nc_aresult *r)
{
	if (!r->present || !r->has_obj || r->obj.type != NC_AOBJ_PACKAGE ||
	    r->obj.count % 2)
		return NULL;
	return &r->obj;
}

/* The string of a key; only whole keys of at most 255 bytes compare. */
static const char *key_of(const struct nc_aobj *p)
{
	return p->elems[0].data ? p->elems[0].data : "";
}

/* Is a _DSD's UUID buffer the buffer-properties UUID? */
static bool buffer_uuid(const struct nc_aobj *guid)
{
	unsigned char b[16];

	uuid_bytes(BUFFER_UUID, b);
	return !memcmp(guid->data, b, 16);
}

/*
 * A key under the buffer-properties UUID: Linux keeps it with a buffer
 * as its value (acpi_data_add_buffer_props()), which no string reader
 * accepts. Its value stands for that buffer.
 */
static const struct nc_aobj buffer_value = { .type = NC_AOBJ_BUFFER };

static const struct nc_aobj *find_buffer_prop(const struct nc_aobj *props,
					      const char *name)
{
	const struct nc_aobj *p;
	size_t j;

	for (j = 0; j < props->count; j++) {
		p = &props->elems[j];
		if (p->type == NC_AOBJ_PACKAGE && p->count == 2 &&
		    p->elems[0].type == NC_AOBJ_STRING &&
		    !strcmp(key_of(p), name))
			return &buffer_value;
	}
	return NULL;
}

/*
 * The value of property @name as Linux finds it (acpi_data_get_property()):
 * the first one of that name in the property packages it accepts. NULL if
 * the node has none.
 */
static const struct nc_aobj *find_prop(const struct nc_aresult *dsd_res,
				       const char *name)
{
	const struct nc_aobj *dsd = dsd_of(dsd_res), *props, *v;
	size_t i, j;

	if (!dsd)
		return NULL;
	for (i = 0; i < dsd->count; i += 2) {
		if (!pair_ok(dsd, i))
			break;
		if (buffer_uuid(&dsd->elems[i])) {
			/* Doubt: Linux's buffer properties count, as unsafe. */
			v = find_buffer_prop(&dsd->elems[i + 1], name);
			if (v)
				return v;
			continue;
		}
		if (prop_uuid(&dsd->elems[i]) < 0)
			continue;
		props = &dsd->elems[i + 1];
		if (props_invalid(props))
			continue;
		for (j = 0; j < props->count; j++)
			if (!strcmp(key_of(&props->elems[j]), name))
				return &props->elems[j].elems[1];
	}
	return NULL;
}

/* A value as fwnode_property_read_string() reads it: the string, or NULL. */
static const char *as_string(const struct nc_aobj *v)
{
	if (v->type == NC_AOBJ_STRING)
		return v->data;
	if (v->type == NC_AOBJ_PACKAGE && v->count == 1 &&
	    v->elems[0].type == NC_AOBJ_STRING)
		return v->elems[0].data;
	return NULL;
}

/* What a property value that Linux found says (pci_nc_mmio_read()). */
static enum nc_mmio_value value_of(const struct nc_aobj *v)
{
	const char *s = as_string(v);

	if (!s)
		return NC_MMIO_VALUE_INVALID;
	return nc_mmio_parse_value(s, strlen(s) + 1);
}

/* pci_nc_mmio_read() on an ACPI node. */
static enum nc_mmio_value read_value(const struct nc_anode *n)
{
	const struct nc_aobj *v = find_prop(&n->res[NC_AM_DSD], NC_MMIO_PROP);

	return v ? value_of(v) : NC_MMIO_VALUE_ABSENT;
}

/*
 * The first quirk that one of the node's "compatible" strings matches
 * (fwnode_property_read_string_array() on a string or a package of
 * strings), by @match.
 */
static const struct nc_mmio_quirk *
compat_quirk(const struct nc_anode *n,
	     const struct nc_mmio_quirk *(*match)(const char *))
{
	const struct nc_aobj *v = find_prop(&n->res[NC_AM_DSD], "compatible");
	const struct nc_mmio_quirk *q;
	size_t i;

	if (!v)
		return NULL;
	if (v->type == NC_AOBJ_STRING)
		return match(v->data);
	if (v->type != NC_AOBJ_PACKAGE)
		return NULL;
	for (i = 0; i < v->count; i++)
		if (v->elems[i].type != NC_AOBJ_STRING)
			return NULL;
	for (i = 0; i < v->count; i++) {
		q = match(v->elems[i].data);
		if (q)
			return q;
	}
	return NULL;
}

static const struct nc_mmio_quirk *pci_compat_match(const char *c)
{
	u16 vendor, device;

	if (!nc_mmio_parse_pci_compatible(c, &vendor, &device))
		return NULL;
	return nc_mmio_quirk_by_pci_id(vendor, device);
}

/* An EISA ID integer as ACPICA spells it (acpi_ex_eisa_id_to_string()). */
static void eisa_id(uint64_t v, char out[8])
{
	static const char hex[] = "0123456789ABCDEF";
	uint32_t id = (uint32_t)v;

	id = (id & 0xff) << 24 | (id & 0xff00) << 8 | (id >> 8 & 0xff00) |
	     id >> 24;
	out[0] = (char)('@' + (id >> 26 & 0x1f));
	out[1] = (char)('@' + (id >> 21 & 0x1f));
	out[2] = (char)('@' + (id >> 16 & 0x1f));
	out[3] = hex[id >> 12 & 0xf];
	out[4] = hex[id >> 8 & 0xf];
	out[5] = hex[id >> 4 & 0xf];
	out[6] = hex[id & 0xf];
	out[7] = '\0';
}

static bool id_is(const struct nc_aobj *o, const char *want)
{
	char buf[8];

	if (o->type == NC_AOBJ_INTEGER) {
		eisa_id(o->integer, buf);
		return !strcmp(buf, want);
	}
	return o->type == NC_AOBJ_STRING && !strcmp(o->data, want);
}

/* Is @want the device's _HID or one of its _CIDs? */
static bool has_id(const struct nc_anode *n, const char *want)
{
	const struct nc_aresult *hid = &n->res[NC_AM_HID];
	const struct nc_aresult *cid = &n->res[NC_AM_CID];
	size_t i;

	if (hid->has_obj && id_is(&hid->obj, want))
		return true;
	if (!cid->has_obj)
		return false;
	if (cid->obj.type != NC_AOBJ_PACKAGE)
		return id_is(&cid->obj, want);
	for (i = 0; i < cid->obj.count; i++)
		if (id_is(&cid->obj.elems[i], want))
			return true;
	return false;
}

static bool is_host(const struct nc_anode *n)
{
	return has_id(n, HOST_ID);
}

static bool present(const struct nc_anode *n)
{
	const struct nc_aresult *sta = &n->res[NC_AM_STA];

	if (!sta->present)
		return true;
	return sta->has_obj && sta->obj.type == NC_AOBJ_INTEGER &&
	       (sta->obj.integer & (STA_PRESENT | STA_FUNCTIONAL));
}

static uint64_t integer_or_zero(const struct nc_aresult *r)
{
	return r->has_obj && r->obj.type == NC_AOBJ_INTEGER ? r->obj.integer : 0;
}

struct walk {
	const struct nc_ans *ns;
	struct nc_scan *scan;
	size_t problems_cap;
	bool *host;		/* per node: a host bridge */
	bool *holds;		/* per node: a host bridge or an ancestor of one */
	long *below;		/* per node: the host bridge it is below, or -1 */
};

static int problem(struct walk *w, char *line)
{
	struct nc_scan *s = w->scan;

	if (!line || nc_grow((void **)&s->problems, &w->problems_cap,
			     s->nr_problems + 1, sizeof(*s->problems))) {
		free(line);
		return -1;
	}
	s->problems[s->nr_problems++] = line;
	return 0;
}

/* Why a value Linux reads is not "safe" or "unsafe", for --check. */
static void describe_value(const struct nc_aobj *v, char *buf, size_t size)
{
	const char *s;

	switch (v->type) {
	case NC_AOBJ_INTEGER:
		snprintf(buf, size, "an integer, not a string");
		return;
	case NC_AOBJ_REFERENCE:
		snprintf(buf, size, "a reference, not a string");
		return;
	case NC_AOBJ_PACKAGE:
		s = as_string(v);
		if (!s) {
			snprintf(buf, size, "a package of %zu elements, not a string",
				 v->count);
			return;
		}
		if (nc_mmio_parse_value(s, strlen(s) + 1) != NC_MMIO_VALUE_INVALID) {
			snprintf(buf, size, "a package holding \"%s\", not a string; Linux reads it as the string, other readers need not",
				 s);
			return;
		}
		break;
	case NC_AOBJ_STRING:
		s = v->data;
		break;
	default:
		snprintf(buf, size, "not a string");
		return;
	}
	if (!*s) {
		snprintf(buf, size, "empty string");
		return;
	}
	nc_describe_invalid(s, (int)strlen(s) + 1, buf, size);
}

/* Does any string in @o (a _DSD, recursively) equal @name? */
static bool mentions(const struct nc_aobj *o, const char *name)
{
	size_t i;

	if (o->type == NC_AOBJ_STRING)
		return !strcmp(o->data, name);
	for (i = 0; i < o->count; i++)
		if (mentions(&o->elems[i], name))
			return true;
	return false;
}

/* The placement problem of a property Linux reads on node @i, or 0. */
static int check_placement(struct walk *w, long i)
{
	const struct nc_anode *n, *b;

	if (i < 0 || w->host[i])
		return 0;
	n = &w->ns->nodes[i];
	if (w->below[i] >= 0) {
		b = &w->ns->nodes[w->below[i]];
		return problem(w, nc_asprintf("%s: %s: no effect below PCI host bridge %s; put it on the host bridge",
					    n->path, NC_MMIO_PROP, b->path));
	}
	if (w->holds[i])
		return 0;
	return problem(w, nc_asprintf("%s: %s: no effect: not a PCI host bridge or an ancestor of one",
				    n->path, NC_MMIO_PROP));
}

/* The --check problems of one _DSD (@i: its device, or -1 on a Scope). */
static int check_dsd(struct walk *w, const char *path,
		     const struct nc_aresult *res, long i)
{
	const struct nc_aobj *dsd = dsd_of(res), *props, *p;
	const char *bad, *key;
	char why[160], uuid[37];
	enum nc_mmio_value v;
	size_t k, j, count = 0;
	int u, ret = 0;

	if (!res->has_obj || !mentions(&res->obj, NC_MMIO_PROP)) {
		if (!dsd)
			return 0;
	} else if (i < 0) {
		return problem(w, nc_asprintf("%s: %s: no effect: the _DSD of a node that is not a device, which Linux never reads",
					    path, NC_MMIO_PROP));
	} else if (!dsd) {
		return problem(w, nc_asprintf("%s: _DSD: not a package of UUID and package pairs: Linux reads none of it, %s included",
					    path, NC_MMIO_PROP));
	}
	for (k = 0; k < dsd->count && !ret; k += 2) {
		if (!pair_ok(dsd, k)) {
			if (!mentions(dsd, NC_MMIO_PROP))
				return 0;
			return problem(w, nc_asprintf("%s: _DSD: element %zu is not a 16-byte UUID buffer followed by a package: Linux reads nothing from there on, %s included",
						    path, k, NC_MMIO_PROP));
		}
		props = &dsd->elems[k + 1];
		u = prop_uuid(&dsd->elems[k]);
		uuid_text((const unsigned char *)dsd->elems[k].data, uuid);
		bad = props_invalid(props);
		for (j = 0; j < props->count && !ret; j++) {
			p = &props->elems[j];
			if (p->type != NC_AOBJ_PACKAGE || !p->count ||
			    p->elems[0].type != NC_AOBJ_STRING)
				continue;
			key = key_of(p);
			if (strcmp(key, NC_MMIO_PROP)) {
				if (u >= 0 && nc_near_miss(key))
					ret = problem(w, nc_asprintf("%s: %s: not %s, which is the only name the kernel reads: no effect",
								   path, key, NC_MMIO_PROP));
				continue;
			}
			if (u != 0) {
				ret = problem(w, nc_asprintf("%s: %s: under _DSD UUID %s, not the device-properties UUID %s: %s",
							   path, NC_MMIO_PROP, uuid, DSD_UUID,
							   u > 0 ? "Linux reads it there too, other readers do not" :
							   buffer_uuid(&dsd->elems[k]) ?
							   "Linux reads a buffer there; resolves to unsafe" :
							   "no effect"));
				if (u < 0)
					continue;
			}
			if (bad) {
				ret = problem(w, nc_asprintf("%s: %s: its property package has %s: Linux ignores the whole package, %s included",
							   path, NC_MMIO_PROP, bad, NC_MMIO_PROP));
				continue;
			}
			if (++count > 1)
				continue;
			v = value_of(&p->elems[1]);
			if (v == NC_MMIO_VALUE_INVALID ||
			    p->elems[1].type != NC_AOBJ_STRING) {
				describe_value(&p->elems[1], why, sizeof(why));
				ret = problem(w, nc_asprintf("%s: %s: %s; resolves to %s",
							   path, NC_MMIO_PROP, why,
							   v == NC_MMIO_VALUE_SAFE ?
							   "safe" : "unsafe"));
			}
			if (!ret)
				ret = check_placement(w, i);
		}
	}
	if (!ret && count > 1)
		ret = problem(w, nc_asprintf("%s: %s: appears %zu times in the _DSD; only the first counts",
					   path, NC_MMIO_PROP, count));
	return ret;
}

/* An evaluation that failed, as "PATH._XYZ: AE_..." in *@failure. */
static int failed(const struct nc_anode *n, int m, char **failure)
{
	static const char *const names[NC_AM_COUNT] = {
		"_HID", "_CID", "_STA", "_DSD", "_SEG", "_BBN",
	};
	const struct nc_aresult *r = &n->res[m];

	if (!r->present || !strcmp(r->status, "AE_OK"))
		return 0;
	*failure = nc_asprintf("%s%s%s: evaluation failed: %s", n->path,
			     n->path_len > 1 ? "." : "", names[m], r->status);
	return *failure ? -2 : -1;
}

/* The nearest normal-nc-mmio from node @i up: value, and who holds it. */
static void nearest(const struct nc_ans *ns, long i, struct nc_bridge *b)
{
	enum nc_mmio_value v;

	for (; i >= 0; i = ns->nodes[i].parent) {
		v = read_value(&ns->nodes[i]);
		if (v != NC_MMIO_VALUE_ABSENT) {
			b->firmware = v;
			b->fw_len = ns->nodes[i].path_len;
			return;
		}
	}
}

/* Present, with every ancestor (Linux enumerates no further down). */
static bool enabled(const struct nc_ans *ns, long i)
{
	for (; i >= 0; i = ns->nodes[i].parent)
		if (!present(&ns->nodes[i]))
			return false;
	return true;
}

/* A quirk by a PCI-ID "compatible" of a present device below bridge @i. */
static const struct nc_mmio_quirk *quirk_below(const struct nc_ans *ns, long i)
{
	const struct nc_mmio_quirk *q;
	size_t d;

	/* Descendants follow their ancestor in namespace order. */
	for (d = (size_t)i + 1; d < ns->nr_nodes; d++) {
		const struct nc_anode *n = &ns->nodes[d];
		long up;

		if (n->path_len <= ns->nodes[i].path_len ||
		    memcmp(n->path, ns->nodes[i].path, ns->nodes[i].path_len) ||
		    n->path[ns->nodes[i].path_len] != '.')
			break;
		for (up = (long)d; up != i && present(&ns->nodes[up]);)
			up = ns->nodes[up].parent;
		if (up != i)
			continue;
		q = compat_quirk(n, pci_compat_match);
		if (q)
			return q;
	}
	return NULL;
}

static int add_bridge(struct walk *w, long i, struct nc_acpi_bridge **out,
		      size_t *cap)
{
	const struct nc_ans *ns = w->ns;
	const struct nc_anode *n = &ns->nodes[i];
	struct nc_scan *s = w->scan;
	struct nc_acpi_bridge *ab;
	struct nc_bridge *b;
	size_t want = *cap ? *cap * 2 : 8;

	if (s->nr_bridges + 1 > *cap) {
		b = realloc(s->bridges, want * sizeof(*b));
		if (!b)
			return -1;
		s->bridges = b;
		ab = realloc(*out, want * sizeof(*ab));
		if (!ab)
			return -1;
		*out = ab;
		*cap = want;
	}
	b = &s->bridges[s->nr_bridges];
	memset(b, 0, sizeof(*b));
	b->path = strdup(n->path);
	if (!b->path)
		return -1;
	b->path_len = n->path_len;
	nearest(ns, i, b);
	/* As the kernel: compatible of the bridge, of the root, then below. */
	b->quirk = compat_quirk(n, nc_mmio_quirk_by_compatible);
	if (!b->quirk)
		b->quirk = compat_quirk(&ns->nodes[0], nc_mmio_quirk_by_compatible);
	if (!b->quirk)
		b->quirk = quirk_below(ns, i);
	ab = &(*out)[s->nr_bridges++];
	ab->node = i;
	ab->segment = integer_or_zero(&n->res[NC_AM_SEG]) & 0xffff;
	ab->bus = integer_or_zero(&n->res[NC_AM_BBN]);
	return 0;
}

/**
 * nc_scan_acpi() - gather host bridges, facts and problems from a namespace
 * @ns: the namespace acpiexec evaluated (nc_parse_acpiexec())
 * @scan: zeroed; filled in as nc_scan_fdt() fills it; free with
 *	nc_scan_free()
 * @bridges: set to an array parallel to @scan->bridges (free() it)
 * @failure: set, on -2, to a message naming the evaluation that failed
 *	where the answer depends on it (free() it)
 *
 * Return: 0, -1 out of memory, -2 an evaluation that matters failed.
 */
int nc_scan_acpi(const struct nc_ans *ns, struct nc_scan *scan,
		 struct nc_acpi_bridge **bridges, char **failure)
{
	struct walk w = { .ns = ns, .scan = scan };
	size_t i, cap = 0;
	long up;
	int m, ret = -1;

	*bridges = NULL;
	*failure = NULL;
	scan->chosen = -1;
	w.host = calloc(ns->nr_nodes, sizeof(*w.host));
	w.holds = calloc(ns->nr_nodes, sizeof(*w.holds));
	w.below = malloc(ns->nr_nodes * sizeof(*w.below));
	if (!w.host || !w.holds || !w.below)
		goto out;

	/* Whether a device is a host bridge depends on _HID and _CID. */
	for (i = 0; i < ns->nr_nodes; i++) {
		ret = failed(&ns->nodes[i], NC_AM_HID, failure);
		if (!ret)
			ret = failed(&ns->nodes[i], NC_AM_CID, failure);
		if (ret)
			goto out;
		w.host[i] = is_host(&ns->nodes[i]);
		w.below[i] = -1;
		up = ns->nodes[i].parent;
		if (up >= 0)
			w.below[i] = w.host[up] ? up : w.below[up];
	}
	ret = -1;
	for (i = ns->nr_nodes; i-- > 0;) {
		if (w.host[i])
			w.holds[i] = true;
		up = ns->nodes[i].parent;
		if (w.holds[i] && up >= 0)
			w.holds[up] = true;
	}
	/* What decides a host bridge's verdict must evaluate. */
	for (i = 0; i < ns->nr_nodes; i++) {
		if (!w.holds[i])
			continue;
		for (m = NC_AM_STA; m < NC_AM_COUNT; m++) {
			if ((m == NC_AM_SEG || m == NC_AM_BBN) && !w.host[i])
				continue;
			ret = failed(&ns->nodes[i], m, failure);
			if (ret)
				goto out;
		}
	}
	ret = -1;
	for (i = 0; i < ns->nr_nodes; i++) {
		if (check_dsd(&w, ns->nodes[i].path, &ns->nodes[i].res[NC_AM_DSD],
			      (long)i))
			goto out;
		if (w.host[i] && enabled(ns, (long)i) &&
		    add_bridge(&w, (long)i, bridges, &cap))
			goto out;
	}
	for (i = 0; i < ns->nr_orphans; i++)
		if (check_dsd(&w, ns->orphans[i].path, &ns->orphans[i].res, -1))
			goto out;
	for (i = 0; i < ns->nr_nodes; i++)
		if (!w.host[i] && has_id(&ns->nodes[i], PCIE_HOST_ID) &&
		    problem(&w, nc_asprintf("%s: %s without %s as _HID or _CID: Linux's PCI root driver does not bind it, so it gets no verdict",
					    ns->nodes[i].path, PCIE_HOST_ID, HOST_ID)))
			goto out;
	ret = 0;
out:
	free(w.host);
	free(w.holds);
	free(w.below);
	return ret;
}
