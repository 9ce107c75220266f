// SPDX-License-Identifier: GPL-2.0
/*
 * Walk a (validated) flattened device tree once, in tree order, and gather
 * per host bridge the facts that normal_nc_mmio_rules.c decides on:
 * the nearest normal-nc-mmio value and any matching quirk. Alongside, note
 * every misuse of the property for --check.
 *
 * The walk keeps one stack entry per depth, so inherited state (nearest
 * property, status, "below a PCI node") is O(1) per node and the whole
 * scan is linear in the size of the blob.
 */
#include <stdarg.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "fdt_scan.h"

struct level {
	size_t pathlen;		/* length of this node's path in the buffer */
	int prop_level;		/* nearest level <= this with the property */
	enum nc_mmio_value prop_value;	/* value here, if it has it */
	int warned;		/* invalid value here already warned about */
	int disabled;		/* this node or an ancestor is disabled */
	int below_pci;		/* this node or an ancestor is device_type pci */
	int in_bridge;		/* this node or an ancestor is the current bridge */
	long problem;		/* pending placement problem slot, or -1 */
	int holds_bridge;	/* subtree has a host bridge (any status) */
	long host_level;	/* level of the enclosing host bridge, or -1 */
};

/* Which of the properties the rules read a name offset stands for. */
enum prop_kind { PROP_OTHER, PROP_NC, PROP_DEVICE_TYPE, PROP_STATUS,
		 PROP_COMPATIBLE };

/*
 * Blobs name a few dozen distinct properties, each usually stored once in
 * the strings block, so remembering what each name offset means saves a
 * string lookup per property. A full table just stops caching.
 */
#define NAME_CACHE_SIZE 256
struct name_cache {
	int nameoff[NAME_CACHE_SIZE];	/* -1: empty slot */
	unsigned char kind[NAME_CACHE_SIZE];
	int used;
};

struct walk {
	const void *fdt;
	struct name_cache names;
	struct nc_scan *scan;
	struct level *lv;
	size_t lv_cap;
	char *path;
	size_t path_cap;
	const struct nc_mmio_quirk *root_quirk;
	struct nc_bridge cur;	/* the host bridge being walked */
	int cur_level;		/* its depth, or -1 */
	size_t problems_cap, warnings_cap;
};

/* The properties the rules look at, found in one pass over a node. */
struct node_props {
	const char *nc, *device_type, *status, *compatible;
	int nc_len, device_type_len, status_len, compatible_len;
};

static int grow(void **p, size_t *cap, size_t need, size_t size)
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

static int push_line(char ***arr, size_t *nr, size_t *cap, char *line)
{
	if (!line || grow((void **)arr, cap, *nr + 1, sizeof(**arr))) {
		free(line);
		return -1;
	}
	(*arr)[(*nr)++] = line;
	return 0;
}

static char *xasprintf(const char *fmt, ...)
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

/* True if a property's first string is exactly @want (kernel strcmp). */
static int value_is(const char *v, int len, const char *want)
{
	size_t n = strlen(want) + 1;

	return v && len >= 0 && (size_t)len >= n && !memcmp(v, want, n);
}

/* of_device_is_available(): no status, or "okay"/"ok". */
static int node_disabled(const struct node_props *p)
{
	if (!p->status)
		return 0;
	return !value_is(p->status, p->status_len, "okay") &&
	       !value_is(p->status, p->status_len, "ok");
}

static int prop_kind(const void *fdt, struct name_cache *c, int nameoff)
{
	unsigned int h = ((unsigned int)nameoff * 2654435761u) >> 24;
	const char *name;
	int kind;

	for (; c->nameoff[h] != -1; h = (h + 1) % NAME_CACHE_SIZE)
		if (c->nameoff[h] == nameoff)
			return c->kind[h];

	name = fdt_get_string(fdt, nameoff, NULL);
	if (!name)
		return -1;
	if (!strcmp(name, NC_MMIO_PROP))
		kind = PROP_NC;
	else if (!strcmp(name, "device_type"))
		kind = PROP_DEVICE_TYPE;
	else if (!strcmp(name, "status"))
		kind = PROP_STATUS;
	else if (!strcmp(name, "compatible"))
		kind = PROP_COMPATIBLE;
	else
		kind = PROP_OTHER;
	if (c->used < NAME_CACHE_SIZE * 3 / 4) {
		c->nameoff[h] = nameoff;
		c->kind[h] = (unsigned char)kind;
		c->used++;
	}
	return kind;
}

/* Record one property of the node being read, if the rules need it. */
static int note_prop(struct walk *w, int offset, struct node_props *p)
{
	const char *prop, *data;
	int len;

	/*
	 * fdt_next_tag() has just returned this FDT_PROP tag of a blob that
	 * fdt_check_full() accepted, so the header and the value lie inside
	 * the struct block: read them in place rather than have
	 * fdt_get_property_by_offset() tokenize the tag a second time. The
	 * block need not be 4-byte aligned in memory: read fields bytewise.
	 */
	prop = (const char *)w->fdt + fdt_off_dt_struct(w->fdt) + offset;
	len = (int)fdt32_ld((const fdt32_t *)(prop +
				offsetof(struct fdt_property, len)));
	data = prop + offsetof(struct fdt_property, data);
	switch (prop_kind(w->fdt, &w->names,
			  (int)fdt32_ld((const fdt32_t *)(prop +
				offsetof(struct fdt_property, nameoff))))) {
	case PROP_NC:
		p->nc = data;
		p->nc_len = len;
		break;
	case PROP_DEVICE_TYPE:
		p->device_type = data;
		p->device_type_len = len;
		break;
	case PROP_STATUS:
		p->status = data;
		p->status_len = len;
		break;
	case PROP_COMPATIBLE:
		p->compatible = data;
		p->compatible_len = len;
		break;
	case PROP_OTHER:
		break;
	default:
		return -1;
	}
	return 0;
}

/* Match each complete string of "compatible" with @match. */
static const struct nc_mmio_quirk *
compat_quirk(const struct node_props *p,
	     const struct nc_mmio_quirk *(*match)(const char *))
{
	const struct nc_mmio_quirk *q;
	const char *v = p->compatible, *end, *nul;
	int len = p->compatible_len;

	if (!v || len <= 0)
		return NULL;
	for (end = v + len; v < end; v = nul + 1) {
		nul = memchr(v, '\0', (size_t)(end - v));
		if (!nul)
			break;
		q = match(v);
		if (q)
			return q;
	}
	return NULL;
}

static const struct nc_mmio_quirk *pci_id_quirk(const char *compat)
{
	u16 vendor, device;

	if (!nc_mmio_parse_pci_compatible(compat, &vendor, &device))
		return NULL;
	return nc_mmio_quirk_by_pci_id(vendor, device);
}

/* Describe why a value is invalid, in a few words, for a message. */
static void describe_invalid(const char *v, int len, char *buf, size_t size)
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

/* Make the path buffer hold @parent's path plus "/name". */
static int set_path(struct walk *w, size_t parent_len, const char *name,
		    int name_len, size_t *out_len)
{
	size_t len = parent_len;

	if (grow((void **)&w->path, &w->path_cap,
		 parent_len + (size_t)name_len + 2, 1))
		return -1;
	/* Only the root's path, "/", has length 1 and needs no separator. */
	if (len != 1)
		w->path[len++] = '/';
	memcpy(w->path + len, name, (size_t)name_len);
	len += (size_t)name_len;
	w->path[len] = '\0';
	*out_len = len;
	return 0;
}

/*
 * A node leaves the stack: settle its placement problem, tell its parent,
 * and if it is the current host bridge, its facts are complete: hand it
 * out. The path buffer still starts with its path.
 */
static int pop(struct walk *w, int depth)
{
	struct level *l = &w->lv[depth];
	char **slot;

	if (l->problem >= 0 && (l->holds_bridge || depth == 0)) {
		slot = &w->scan->problems[l->problem];
		free(*slot);
		*slot = NULL;	/* placement was fine after all */
	}
	if (depth > 0 && l->holds_bridge)
		w->lv[depth - 1].holds_bridge = 1;
	if (depth != w->cur_level)
		return 0;
	w->cur_level = -1;
	w->cur.path = w->path;
	w->cur.path_len = l->pathlen;
	return w->scan->bridge(w->scan->ctx, &w->cur);
}

/* Note a misuse for --check; placement ones may be withdrawn at pop(). */
static long problem(struct walk *w, char *line)
{
	struct nc_scan *s = w->scan;

	if (push_line(&s->problems, &s->nr_problems, &w->problems_cap, line))
		return -2;
	return (long)s->nr_problems - 1;
}

static int visit(struct walk *w, const char *name, int name_len,
		 const struct node_props *pp, int depth)
{
	const struct level *up = depth ? &w->lv[depth - 1] : NULL;
	const struct node_props p = *pp;
	struct level *l;
	char why[128];
	int is_pci, is_host;
	long slot;

	if (grow((void **)&w->lv, &w->lv_cap, (size_t)depth + 1,
		 sizeof(*w->lv)))
		return -1;
	l = &w->lv[depth];
	memset(l, 0, sizeof(*l));
	l->problem = -1;

	if (set_path(w, up ? up->pathlen : 0, name, depth ? name_len : 0,
		     &l->pathlen))
		return -1;

	is_pci = value_is(p.device_type, p.device_type_len, "pci");
	is_host = is_pci && !(up && up->below_pci);
	l->below_pci = is_pci || (up && up->below_pci);
	l->disabled = node_disabled(&p) || (up && up->disabled);
	l->holds_bridge = is_host;
	l->host_level = is_host ? depth : (up ? up->host_level : -1);
	l->prop_level = up ? up->prop_level : -1;
	l->in_bridge = up && up->in_bridge;

	if (p.nc) {
		l->prop_level = depth;
		l->prop_value = nc_mmio_parse_value(p.nc, (size_t)p.nc_len);
		if (l->prop_value == NC_MMIO_VALUE_INVALID) {
			describe_invalid(p.nc, p.nc_len, why, sizeof(why));
			if (problem(w, xasprintf("%s: %s: %s; resolves to unsafe",
						 w->path, NC_MMIO_PROP, why)) < 0)
				return -1;
		}
		if (l->below_pci && !is_host) {
			slot = problem(w, xasprintf("%s: %s: no effect below PCI host bridge %.*s; put it on the host bridge",
						    w->path, NC_MMIO_PROP,
						    (int)w->lv[l->host_level].pathlen,
						    w->path));
			if (slot < 0)
				return -1;
		} else if (!is_host && depth > 0) {
			/* Withdrawn at pop() if a host bridge turns up below. */
			l->problem = problem(w, xasprintf("%s: %s: no effect: not the root, a PCI host bridge or an ancestor of one",
							  w->path, NC_MMIO_PROP));
			if (l->problem < 0)
				return -1;
		}
	}

	if (l->disabled)
		return 0;

	if (depth == 0)
		w->root_quirk = compat_quirk(&p, nc_mmio_quirk_by_compatible);

	if (is_host) {
		struct nc_bridge *b = &w->cur;
		struct level *holder;

		memset(b, 0, sizeof(*b));
		b->quirk = compat_quirk(&p, nc_mmio_quirk_by_compatible);
		if (!b->quirk)
			b->quirk = w->root_quirk;
		if (l->prop_level >= 0) {
			holder = &w->lv[l->prop_level];
			b->firmware = holder->prop_value;
			b->fw_len = holder->pathlen;
			if (b->firmware == NC_MMIO_VALUE_INVALID &&
			    !holder->warned) {
				holder->warned = 1;
				if (push_line(&w->scan->warnings,
					      &w->scan->nr_warnings,
					      &w->warnings_cap,
					      xasprintf("%.*s: %s: invalid value, resolving to unsafe",
							(int)b->fw_len, w->path,
							NC_MMIO_PROP)))
					return -1;
			}
		}
		w->cur_level = depth;
		l->in_bridge = 1;
	} else if (l->in_bridge && !w->cur.quirk) {
		/* A device below the bridge, named by its PCI ID. */
		w->cur.quirk = compat_quirk(&p, pci_id_quirk);
	}
	return 0;
}

/* Drop the placement slots that turned out fine, keeping order. */
static void compact_problems(struct nc_scan *s)
{
	size_t i, n = 0;

	for (i = 0; i < s->nr_problems; i++)
		if (s->problems[i])
			s->problems[n++] = s->problems[i];
	s->nr_problems = n;
}

/**
 * nc_scan_fdt() - gather bridges, facts and problems from a blob
 * @fdt: a blob that fdt_check_full() accepted
 * @scan: @bridge and @ctx set, the rest zero; free with nc_scan_free()
 *
 * Return: 0, or -1 on allocation failure or an unexpected libfdt error.
 */
int nc_scan_fdt(const void *fdt, struct nc_scan *scan)
{
	struct walk w = { .fdt = fdt, .scan = scan, .cur_level = -1 };
	struct node_props props;
	const char *name = NULL;
	int offset = 0, next, depth = -1, name_len = 0, ret = 0;
	uint32_t tag;

	memset(w.names.nameoff, -1, sizeof(w.names.nameoff));
	/*
	 * One pass over the tags. A node is visited once its properties have
	 * streamed past, at its first child or its end, as libfdt's own
	 * lookups see only the properties before the first subnode.
	 */
	do {
		tag = fdt_next_tag(fdt, offset, &next);
		if (next < 0) {
			ret = -1;
			break;
		}
		if (name && tag != FDT_PROP && tag != FDT_NOP) {
			ret = visit(&w, name, name_len, &props, depth);
			name = NULL;
		}
		switch (tag) {
		case FDT_BEGIN_NODE:
			name = fdt_get_name(fdt, offset, &name_len);
			if (!name)
				ret = -1;
			memset(&props, 0, sizeof(props));
			depth++;
			break;
		case FDT_PROP:
			if (name)
				ret = note_prop(&w, offset, &props);
			break;
		case FDT_END_NODE:
			if (depth < 0)
				ret = -1;
			else
				ret = pop(&w, depth--);
			break;
		}
		offset = next;
	} while (!ret && tag != FDT_END);
	if (!ret && depth != -1)
		ret = -1;
	compact_problems(scan);
	free(w.lv);
	free(w.path);
	return ret;
}

void nc_scan_free(struct nc_scan *scan)
{
	size_t i;

	for (i = 0; i < scan->nr_problems; i++)
		free(scan->problems[i]);
	for (i = 0; i < scan->nr_warnings; i++)
		free(scan->warnings[i]);
	free(scan->problems);
	free(scan->warnings);
	memset(scan, 0, sizeof(*scan));
}
