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
	long bridge;		/* enclosing enabled host bridge, or -1 */
	long problem;		/* pending placement problem slot, or -1 */
	int holds_bridge;	/* subtree has a host bridge (any status) */
	long host_level;	/* level of the enclosing host bridge, or -1 */
};

struct walk {
	const void *fdt;
	struct nc_scan *scan;
	struct level *lv;
	size_t lv_cap;
	char *path;
	size_t path_cap;
	const struct nc_mmio_quirk *root_quirk;
	size_t bridges_cap, problems_cap, warnings_cap;
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

/* True if property @name's first string is exactly @want (kernel strcmp). */
static int prop_is(const void *fdt, int off, const char *name,
		   const char *want)
{
	size_t n = strlen(want) + 1;
	const char *v;
	int len;

	v = fdt_getprop(fdt, off, name, &len);
	return v && len >= 0 && (size_t)len >= n && !memcmp(v, want, n);
}

/* of_device_is_available(): no status, or "okay"/"ok". */
static int node_disabled(const void *fdt, int off)
{
	if (!fdt_getprop(fdt, off, "status", NULL))
		return 0;
	return !prop_is(fdt, off, "status", "okay") &&
	       !prop_is(fdt, off, "status", "ok");
}

/* Match each complete string of "compatible" with @match. */
static const struct nc_mmio_quirk *
compat_quirk(const void *fdt, int off,
	     const struct nc_mmio_quirk *(*match)(const char *))
{
	const struct nc_mmio_quirk *q;
	const char *v, *end, *nul;
	int len;

	v = fdt_getprop(fdt, off, "compatible", &len);
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

static char *path_upto(struct walk *w, size_t len)
{
	char *s = malloc(len + 1);

	if (s) {
		memcpy(s, w->path, len);
		s[len] = '\0';
	}
	return s;
}

/* A node leaves the stack: settle its placement problem, tell its parent. */
static void pop(struct walk *w, int depth)
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
}

static int visit(struct walk *w, int off, int depth)
{
	const struct level *up = depth ? &w->lv[depth - 1] : NULL;
	struct nc_scan *s = w->scan;
	struct level *l;
	const char *name, *v;
	char why[128];
	int name_len, len, is_pci, is_host;

	if (grow((void **)&w->lv, &w->lv_cap, (size_t)depth + 1,
		 sizeof(*w->lv)))
		return -1;
	l = &w->lv[depth];
	memset(l, 0, sizeof(*l));
	l->problem = -1;

	name = fdt_get_name(w->fdt, off, &name_len);
	if (!name)
		return -1;
	if (set_path(w, up ? up->pathlen : 0, name, depth ? name_len : 0,
		     &l->pathlen))
		return -1;

	is_pci = prop_is(w->fdt, off, "device_type", "pci");
	is_host = is_pci && !(up && up->below_pci);
	l->below_pci = is_pci || (up && up->below_pci);
	l->disabled = node_disabled(w->fdt, off) || (up && up->disabled);
	l->holds_bridge = is_host;
	l->host_level = is_host ? depth : (up ? up->host_level : -1);
	l->prop_level = up ? up->prop_level : -1;
	l->bridge = up ? up->bridge : -1;

	v = fdt_getprop(w->fdt, off, NC_MMIO_PROP, &len);
	if (v) {
		l->prop_level = depth;
		l->prop_value = nc_mmio_parse_value(v, (size_t)len);
		if (l->prop_value == NC_MMIO_VALUE_INVALID) {
			describe_invalid(v, len, why, sizeof(why));
			if (push_line(&s->problems, &s->nr_problems,
				      &w->problems_cap,
				      xasprintf("%s: %s: %s; resolves to unsafe",
						w->path, NC_MMIO_PROP, why)))
				return -1;
		}
		/* Settled when the node is popped, once its subtree is known. */
		if (l->below_pci && !is_host)
			len = push_line(&s->problems, &s->nr_problems,
					&w->problems_cap,
					xasprintf("%s: %s: no effect below PCI host bridge %.*s; put it on the host bridge",
						  w->path, NC_MMIO_PROP,
						  (int)w->lv[l->host_level].pathlen,
						  w->path));
		else if (!is_host)
			len = push_line(&s->problems, &s->nr_problems,
					&w->problems_cap,
					xasprintf("%s: %s: no effect: not the root, a PCI host bridge or an ancestor of one",
						  w->path, NC_MMIO_PROP));
		else
			len = 0;
		if (len)
			return -1;
		if (!is_host && !l->below_pci)
			l->problem = (long)s->nr_problems - 1;
	}

	if (l->disabled)
		return 0;

	if (depth == 0)
		w->root_quirk = compat_quirk(w->fdt, off,
					     nc_mmio_quirk_by_compatible);

	if (is_host) {
		struct nc_bridge *b;
		struct level *p;

		if (grow((void **)&s->bridges, &w->bridges_cap,
			 s->nr_bridges + 1, sizeof(*s->bridges)))
			return -1;
		b = &s->bridges[s->nr_bridges];
		memset(b, 0, sizeof(*b));
		b->path = path_upto(w, l->pathlen);
		if (!b->path)
			return -1;
		s->nr_bridges++;
		b->quirk = compat_quirk(w->fdt, off,
					nc_mmio_quirk_by_compatible);
		if (!b->quirk)
			b->quirk = w->root_quirk;
		if (l->prop_level >= 0) {
			p = &w->lv[l->prop_level];
			b->firmware = p->prop_value;
			b->fw_path = path_upto(w, p->pathlen);
			if (!b->fw_path)
				return -1;
			if (b->firmware == NC_MMIO_VALUE_INVALID && !p->warned) {
				p->warned = 1;
				if (push_line(&s->warnings, &s->nr_warnings,
					      &w->warnings_cap,
					      xasprintf("%s: %s: invalid value, resolving to unsafe",
							b->fw_path, NC_MMIO_PROP)))
					return -1;
			}
		}
		l->bridge = (long)s->nr_bridges - 1;
	} else if (l->bridge >= 0 && !s->bridges[l->bridge].quirk) {
		/* A device below the bridge, named by its PCI ID. */
		s->bridges[l->bridge].quirk =
			compat_quirk(w->fdt, off, pci_id_quirk);
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
 * @scan: zero-initialised result; free with nc_scan_free()
 *
 * Return: 0, or -1 on allocation failure or an unexpected libfdt error.
 */
int nc_scan_fdt(const void *fdt, struct nc_scan *scan)
{
	struct walk w = { .fdt = fdt, .scan = scan };
	int off = 0, depth = 0, top = -1, ret = 0;

	memset(scan, 0, sizeof(*scan));
	for (off = 0; off >= 0; off = fdt_next_node(fdt, off, &depth)) {
		if (depth < 0)
			break;
		while (top >= depth)
			pop(&w, top--);
		if (visit(&w, off, depth)) {
			ret = -1;
			break;
		}
		top = depth;
	}
	if (!ret && off < 0 && off != -FDT_ERR_NOTFOUND)
		ret = -1;
	while (top >= 0)
		pop(&w, top--);
	compact_problems(scan);
	free(w.lv);
	free(w.path);
	return ret;
}

void nc_scan_free(struct nc_scan *scan)
{
	size_t i;

	for (i = 0; i < scan->nr_bridges; i++) {
		free(scan->bridges[i].path);
		free(scan->bridges[i].fw_path);
	}
	for (i = 0; i < scan->nr_problems; i++)
		free(scan->problems[i]);
	for (i = 0; i < scan->nr_warnings; i++)
		free(scan->warnings[i]);
	free(scan->bridges);
	free(scan->problems);
	free(scan->warnings);
	memset(scan, 0, sizeof(*scan));
}
