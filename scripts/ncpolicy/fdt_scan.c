// SPDX-License-Identifier: GPL-2.0
/*
 * Walk a validated flattened device tree once, in tree order, with
 * libfdt's node and property API, and gather per host bridge the facts
 * that normal_nc_mmio_rules.c decides on: the nearest normal-nc-mmio value
 * and any matching quirk. Alongside, note every misuse of the property for
 * --check.
 *
 * fdt_next_node() visits the nodes. Each node's properties are read in one
 * pass over them (fdt_for_each_property_offset(), fdt_getprop_by_offset())
 * rather than by one fdt_getprop() per name, each of which walks them all
 * again. A property that occurs twice in a node counts by its first
 * occurrence, as for fdt_getprop() and the kernel. The same pass notes
 * near-miss spellings of the name, which the kernel does not read.
 *
 * Inherited state (nearest property, disabled, below a PCI node) lives in
 * one stack entry per depth, reached by index only: the stack is
 * reallocated as the tree gets deeper.
 */
#include <stdarg.h>
#include <stdbool.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libfdt.h>

#include "alloc.h"
#include "fdt_scan.h"
#include "lint.h"

struct level {
	size_t path_len;	/* this node's path is path[0..path_len) */
	int prop_depth;		/* nearest depth <= this with the property, -1 */
	enum nc_mmio_value prop_value;	/* the value here, if it has it */
	int host_depth;		/* depth of the enclosing host bridge, -1 */
	long problem;		/* pending placement problem, or -1 */
	bool disabled;		/* this node or an ancestor (not /) disabled */
	bool below_pci;		/* this node or an ancestor is device_type pci */
	bool holds_bridge;	/* subtree has a host bridge (any status) */
};

struct walk {
	const void *fdt;
	struct nc_scan *scan;
	struct level *lv;
	size_t lv_cap;
	int top;		/* depth of the deepest level in use, -1 */
	char *path;
	size_t path_cap;
	const struct nc_mmio_quirk *root_quirk;
	long cur;		/* index of the bridge being walked, or -1 */
	int cur_depth;		/* its depth */
	size_t problems_cap, bridges_cap;
};

/* Note a misuse for --check; placement ones may be withdrawn at pop(). */
static long problem(struct walk *w, char *line)
{
	struct nc_scan *s = w->scan;

	if (!line || nc_grow((void **)&s->problems, &w->problems_cap,
			  s->nr_problems + 1, sizeof(*s->problems))) {
		free(line);
		return -1;
	}
	s->problems[s->nr_problems] = line;
	return (long)s->nr_problems++;
}

/* True if a property's first string is exactly @want (kernel strcmp). */
static bool value_is(const char *v, int len, const char *want)
{
	size_t n = strlen(want) + 1;

	return v && len >= 0 && (size_t)len >= n && !memcmp(v, want, n);
}

/* A property's value as fdt_getprop() returns it; NULL if absent. */
struct prop {
	const char *val;
	int len;
};

/*
 * What the scan reads of one node: the first occurrence of each property
 * it looks at, how often the node has normal-nc-mmio, and the names of
 * its near misses, ", "-separated (NULL if none).
 */
struct node_props {
	struct prop type, status, nc, compat;
	int nc_count;
	char *near;
};

/* Add @name to the node's near misses; -1 if out of memory. */
static int note_near_miss(struct node_props *np, const char *name)
{
	size_t old = np->near ? strlen(np->near) : 0, len = strlen(name);
	char *p = realloc(np->near, old + (old ? 2 : 0) + len + 1);

	if (!p)
		return -1;
	if (old) {
		memcpy(p + old, ", ", 2);
		old += 2;
	}
	memcpy(p + old, name, len + 1);
	np->near = p;
	return 0;
}

static void note_prop(struct prop *p, const char *val, int len)
{
	if (!p->val) {
		p->val = val;
		p->len = len;
	}
}

/*
 * One pass over the node's properties; -1 on a libfdt error or out of
 * memory. Free np->near after, in either case.
 */
static int read_props(const void *fdt, int off, struct node_props *np)
{
	const char *name, *val;
	int prop, len;

	memset(np, 0, sizeof(*np));
	fdt_for_each_property_offset(prop, fdt, off) {
		val = fdt_getprop_by_offset(fdt, prop, &name, &len);
		if (!val)
			return -1;
		if (!strcmp(name, "device_type")) {
			note_prop(&np->type, val, len);
		} else if (!strcmp(name, "status")) {
			note_prop(&np->status, val, len);
		} else if (!strcmp(name, "compatible")) {
			note_prop(&np->compat, val, len);
		} else if (!strcmp(name, NC_MMIO_PROP)) {
			note_prop(&np->nc, val, len);
			np->nc_count++;
		} else if (nc_near_miss(name) && note_near_miss(np, name)) {
			return -1;
		}
	}
	return prop == -FDT_ERR_NOTFOUND ? 0 : -1;
}

/* of_device_is_available(): no status, or "okay"/"ok". */
static bool status_disabled(const struct prop *status)
{
	if (!status->val)
		return false;
	return !value_is(status->val, status->len, "okay") &&
	       !value_is(status->val, status->len, "ok");
}

static const struct nc_mmio_quirk *
match_compatible(const struct walk *w, const char *compat)
{
	const struct nc_scan *s = w->scan;

	if (s->quirks)
		return nc_mmio_quirk_match_compatible(s->quirks, s->nr_quirks,
						      compat);
	return nc_mmio_quirk_by_compatible(compat);
}

static const struct nc_mmio_quirk *
match_pci_compatible(const struct walk *w, const char *compat)
{
	const struct nc_scan *s = w->scan;
	u16 vendor, device;

	if (!nc_mmio_parse_pci_compatible(compat, &vendor, &device))
		return NULL;
	if (s->quirks)
		return nc_mmio_quirk_match_pci_id(s->quirks, s->nr_quirks,
						  vendor, device);
	return nc_mmio_quirk_by_pci_id(vendor, device);
}

/*
 * Match each string of the node's "compatible" with @match. A list whose
 * last string is not NUL-terminated has no strings at all, as for the
 * kernel's of_property_read_string_array() and fdt_stringlist_count().
 */
static const struct nc_mmio_quirk *
compat_quirk(const struct walk *w, const struct prop *p,
	     const struct nc_mmio_quirk *(*match)(const struct walk *,
						  const char *))
{
	const struct nc_mmio_quirk *q;
	const char *compat = p->val, *end;
	int len = p->len;

	if (!compat || len <= 0 || compat[len - 1] != '\0')
		return NULL;
	for (end = compat + len; compat < end; compat += strlen(compat) + 1) {
		q = match(w, compat);
		if (q)
			return q;
	}
	return NULL;
}

/*
 * A node leaves the stack: settle its placement problem, tell its parent,
 * and if it is the current host bridge, its facts are complete.
 */
static void pop(struct walk *w)
{
	int depth = w->top--;
	struct level *l = &w->lv[depth];
	char **slot;

	if (l->problem >= 0 && (l->holds_bridge || depth == 0)) {
		slot = &w->scan->problems[l->problem];
		free(*slot);
		*slot = NULL;	/* placement was fine after all */
	}
	if (depth > 0 && l->holds_bridge)
		w->lv[depth - 1].holds_bridge = true;
	if (depth == w->cur_depth)
		w->cur = -1;
}

/* Start a host bridge record; the walk of its subtree completes it. */
static int add_bridge(struct walk *w, const struct level *l,
		      const struct prop *compat)
{
	struct nc_scan *s = w->scan;
	struct nc_bridge *b;

	if (nc_grow((void **)&s->bridges, &w->bridges_cap, s->nr_bridges + 1,
		 sizeof(*s->bridges)))
		return -1;
	b = &s->bridges[s->nr_bridges];
	memset(b, 0, sizeof(*b));
	b->path = malloc(l->path_len + 1);
	if (!b->path)
		return -1;
	memcpy(b->path, w->path, l->path_len + 1);
	b->path_len = l->path_len;
	b->quirk = compat_quirk(w, compat, match_compatible);
	if (!b->quirk)
		b->quirk = w->root_quirk;
	if (l->prop_depth >= 0) {
		b->firmware = w->lv[l->prop_depth].prop_value;
		b->fw_len = w->lv[l->prop_depth].path_len;
	}
	w->cur = (long)s->nr_bridges++;
	return 0;
}

/* The property on this node: its value and where it has effect. */
static int note_property(struct walk *w, int depth,
			 const struct node_props *np, bool is_host)
{
	struct level *l = &w->lv[depth];
	const char *nc = np->nc.val;
	int nc_len = np->nc.len;
	char why[128];

	l->prop_depth = depth;
	l->prop_value = nc_mmio_parse_value(nc, (size_t)nc_len);
	if (l->prop_value == NC_MMIO_VALUE_INVALID) {
		nc_describe_invalid(nc, nc_len, why, sizeof(why));
		if (problem(w, nc_asprintf("%s: %s: %s; resolves to unsafe",
					 w->path, NC_MMIO_PROP, why)) < 0)
			return -1;
	}
	if (np->nc_count > 1 &&
	    problem(w, nc_asprintf("%s: %s: appears %d times in the node; only the first counts",
				 w->path, NC_MMIO_PROP, np->nc_count)) < 0)
		return -1;
	if (l->below_pci && !is_host) {
		if (problem(w, nc_asprintf("%s: %s: no effect below PCI host bridge %.*s; put it on the host bridge",
					 w->path, NC_MMIO_PROP,
					 (int)w->lv[l->host_depth].path_len,
					 w->path)) < 0)
			return -1;
	} else if (!is_host && depth > 0) {
		/* Withdrawn at pop() if a host bridge turns up below. */
		l->problem = problem(w, nc_asprintf("%s: %s: no effect: not the root, a PCI host bridge or an ancestor of one",
						  w->path, NC_MMIO_PROP));
		if (l->problem < 0)
			return -1;
	}
	return 0;
}

/* Overlay fragments and fixups: not a board's tree. */
static bool overlay_node(const char *name, int depth)
{
	return (depth > 0 && !strcmp(name, "__overlay__")) ||
	       (depth == 1 && !strcmp(name, "__fixups__"));
}

static int visit(struct walk *w, int off, int depth)
{
	const struct level *up;
	struct level *l;
	struct node_props np;
	const char *name;
	int name_len;
	bool is_pci, is_host;

	if (nc_grow((void **)&w->lv, &w->lv_cap, (size_t)depth + 1,
		 sizeof(*w->lv)))
		return -1;
	/* Pointers into the stack are taken only after it has grown. */
	up = depth ? &w->lv[depth - 1] : NULL;
	l = &w->lv[depth];
	w->top = depth;
	memset(l, 0, sizeof(*l));
	l->problem = -1;

	name = fdt_get_name(w->fdt, off, &name_len);
	if (!name)
		return -1;
	if (overlay_node(name, depth)) {
		w->scan->overlay = 1;
		return 1;
	}
	if (!up) {
		l->path_len = 1;
	} else {
		/* Only the root's path, "/", has length 1 and needs no '/'. */
		l->path_len = up->path_len + (up->path_len != 1) +
			      (size_t)name_len;
	}
	if (nc_grow((void **)&w->path, &w->path_cap, l->path_len + 1, 1))
		return -1;
	if (!up) {
		w->path[0] = '/';
	} else {
		if (up->path_len != 1)
			w->path[up->path_len] = '/';
		memcpy(w->path + l->path_len - name_len, name,
		       (size_t)name_len);
	}
	w->path[l->path_len] = '\0';
	/* The first "chosen" or "chosen@...", as libfdt matches names. */
	if (depth == 1 && w->scan->chosen < 0 &&
	    !strncmp(name, "chosen", 6) && (name[6] == '\0' || name[6] == '@'))
		w->scan->chosen = off;

	if (read_props(w->fdt, off, &np)) {
		free(np.near);
		return -1;
	}
	if (np.near) {
		long ret = problem(w, nc_asprintf("%s: %s: not %s, which is the only name the kernel reads: no effect",
						w->path, np.near, NC_MMIO_PROP));

		free(np.near);
		if (ret < 0)
			return -1;
	}
	is_pci = value_is(np.type.val, np.type.len, "pci");
	is_host = is_pci && !(up && up->below_pci);
	l->below_pci = is_pci || (up && up->below_pci);
	/* The kernel does not look at the root's status. */
	l->disabled = up && (up->disabled || status_disabled(&np.status));
	l->holds_bridge = is_host;
	l->host_depth = is_host ? depth : (up ? up->host_depth : -1);
	l->prop_depth = up ? up->prop_depth : -1;

	if (np.nc.val && note_property(w, depth, &np, is_host))
		return -1;

	if (l->disabled)
		return 0;
	if (!up)
		w->root_quirk = compat_quirk(w, &np.compat, match_compatible);
	if (is_host) {
		w->cur_depth = depth;
		return add_bridge(w, l, &np.compat);
	}
	/* A device below the bridge, named by its PCI ID. */
	if (w->cur >= 0 && !w->scan->bridges[w->cur].quirk)
		w->scan->bridges[w->cur].quirk =
			compat_quirk(w, &np.compat, match_pci_compatible);
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
 * @fdt: a blob that nc_validate_blob() accepted
 * @scan: @quirks and @nr_quirks set (or zero), the rest zero; free with
 *	nc_scan_free()
 *
 * Return: 0 (check @scan->overlay), or -1 on allocation failure or an
 * unexpected libfdt error.
 */
int nc_scan_fdt(const void *fdt, struct nc_scan *scan)
{
	struct walk w = { .fdt = fdt, .scan = scan, .top = -1, .cur = -1 };
	int off = 0, depth = 0, ret = 0;

	scan->chosen = -1;
	/*
	 * fdt_next_node() moves to the next node in tree order and adjusts
	 * depth by the nodes closed on the way; past the root's end the
	 * depth is -1.
	 */
	while (off >= 0 && depth >= 0) {
		while (w.top >= depth)
			pop(&w);
		ret = visit(&w, off, depth);
		if (ret)
			break;
		off = fdt_next_node(fdt, off, &depth);
	}
	if (!ret && off < 0 && off != -FDT_ERR_NOTFOUND)
		ret = -1;
	while (w.top >= 0)
		pop(&w);
	compact_problems(scan);
	free(w.lv);
	free(w.path);
	return ret < 0 ? -1 : 0;
}

void nc_scan_free(struct nc_scan *scan)
{
	size_t i;

	for (i = 0; i < scan->nr_problems; i++)
		free(scan->problems[i]);
	for (i = 0; i < scan->nr_bridges; i++) {
		free(scan->bridges[i].path);
		free(scan->bridges[i].json_extra);
	}
	free(scan->problems);
	free(scan->bridges);
	scan->problems = NULL;
	scan->bridges = NULL;
	scan->nr_problems = 0;
	scan->nr_bridges = 0;
}
