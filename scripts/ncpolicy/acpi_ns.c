// SPDX-License-Identifier: GPL-2.0
/*
 * Read what acpiexec printed for NC_ACPIEXEC_BATCH: the namespace
 * ("paths") and the objects each "all NAME" command evaluated, as
 * ACPICA's debugger prints external objects (acpi_db_dump_external_object()
 * and acpi_ut_print_string() in ACPICA's dbutils.c and utstring.c).
 *
 * This reads text, never AML: ACPICA has interpreted the tables. The text
 * is untrusted all the same (AML can print to the Debug object), so every
 * line is bounds-checked and anything unexpected is an error, never a
 * guess.
 */
#define _GNU_SOURCE
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include <linux/array_size.h>

#include "acpi_ns.h"
#include "alloc.h"

/* Packages nest; ACPICA allows deep nesting, _DSD needs three levels. */
#define MAX_NESTING	32

static const char *const meth_names[NC_AM_COUNT] = {
	[NC_AM_HID] = "_HID", [NC_AM_CID] = "_CID", [NC_AM_STA] = "_STA",
	[NC_AM_DSD] = "_DSD", [NC_AM_SEG] = "_SEG", [NC_AM_BBN] = "_BBN",
};

struct lines {
	const char *p, *end;
};

struct line {
	const char *s;
	size_t n;
};

static bool next_line(struct lines *c, struct line *l)
{
	const char *nl;

	if (c->p >= c->end)
		return false;
	nl = memchr(c->p, '\n', (size_t)(c->end - c->p));
	l->s = c->p;
	l->n = (size_t)((nl ? nl : c->end) - c->p);
	c->p = nl ? nl + 1 : c->end;
	return true;
}

static bool starts(const struct line *l, const char *prefix)
{
	size_t n = strlen(prefix);

	return l->n >= n && !memcmp(l->s, prefix, n);
}

static bool ends(const struct line *l, const char *suffix)
{
	size_t n = strlen(suffix);

	return l->n >= n && !memcmp(l->s + l->n - n, suffix, n);
}

static void skip_spaces(struct line *l)
{
	while (l->n && l->s[0] == ' ') {
		l->s++;
		l->n--;
	}
}

/* Consume @prefix from @l if it is there. */
static bool eat(struct line *l, const char *prefix)
{
	size_t n = strlen(prefix);

	if (!starts(l, prefix))
		return false;
	l->s += n;
	l->n -= n;
	return true;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	return -1;
}

/* A hexadecimal number of at most 16 digits; false if none. */
static bool eat_hex(struct line *l, uint64_t *v)
{
	size_t i = 0;

	*v = 0;
	while (i < l->n && i < 16 && hexval(l->s[i]) >= 0)
		*v = *v << 4 | (uint64_t)hexval(l->s[i++]);
	if (!i || (i < l->n && hexval(l->s[i]) >= 0))
		return false;
	l->s += i;
	l->n -= i;
	return true;
}

static bool eat_dec(struct line *l, unsigned long *v)
{
	size_t i = 0;

	*v = 0;
	while (i < l->n && i < 9 && l->s[i] >= '0' && l->s[i] <= '9')
		*v = *v * 10 + (unsigned long)(l->s[i++] - '0');
	l->s += i;
	l->n -= i;
	return i > 0;
}

/*
 * A path as Linux prints it: each 4-character name without its trailing
 * '_' (but never empty), "\" for the root. @s is ACPICA's form, with or
 * without the leading '\'. NULL if out of memory or not a path.
 */
static char *normal_path(const char *s, size_t n, size_t *out_len)
{
	char *p = malloc(n + 2), *o;
	size_t seg, k;

	if (!p)
		return NULL;
	o = p;
	*o++ = '\\';
	if (n && s[0] == '\\') {
		s++;
		n--;
	}
	while (n) {
		seg = 0;
		while (seg < n && s[seg] != '.')
			seg++;
		if (!seg || seg > 4) {
			free(p);
			return NULL;
		}
		k = seg;
		while (k > 1 && s[k - 1] == '_')
			k--;
		if (o != p + 1)
			*o++ = '.';
		memcpy(o, s, k);
		o += k;
		s += seg;
		n -= seg;
		if (n) {	/* the '.' */
			s++;
			n--;
			if (!n) {
				free(p);
				return NULL;
			}
		}
	}
	*o = '\0';
	*out_len = (size_t)(o - p);
	return p;
}

void nc_aobj_free(struct nc_aobj *o)
{
	size_t i;

	for (i = 0; i < o->count; i++)
		nc_aobj_free(&o->elems[i]);
	free(o->elems);
	free(o->data);
	memset(o, 0, sizeof(*o));
}

/* Unescape acpi_ut_print_string()'s output: from after the opening '"'. */
static const char *read_string(struct line *l, struct nc_aobj *o)
{
	static const char esc_name[] = "abfnrtv'\"\\";
	static const char esc_byte[] = "\a\b\f\n\r\t\v'\"\\";
	size_t i = 0, k = 0;
	const char *esc;
	uint64_t v;
	char *d;
	int h;

	d = malloc(l->n + 1);
	if (!d)
		return "out of memory";
	o->data = d;
	while (i < l->n && l->s[i] != '"') {
		char c = l->s[i++];

		if (c != '\\') {
			d[k++] = c;
			continue;
		}
		if (i >= l->n)
			return "a string ends in an escape";
		c = l->s[i++];
		esc = c ? strchr(esc_name, c) : NULL;
		if (esc) {
			d[k++] = esc_byte[esc - esc_name];
			continue;
		}
		switch (c) {
		case 'x':
			/*
			 * "\x%2.2X" of a signed char: two digits below 0x80,
			 * "FFFFFFxx" from 0x80 on (which two digits never
			 * spell, as they are then below 0x80).
			 */
			h = (i + 8 <= l->n && !memcmp(l->s + i, "FFFFFF", 6)) ? 8 : 2;
			if (i + (size_t)h > l->n)
				return "a string has a short \\x escape";
			for (v = 0; h > 0; h--, i++) {
				if (hexval(l->s[i]) < 0)
					return "a string has a bad \\x escape";
				v = v << 4 | (uint64_t)hexval(l->s[i]);
			}
			d[k++] = (char)(v & 0xff);
			break;
		default:
			return "a string has an unknown escape";
		}
	}
	if (i >= l->n)
		return "a string has no closing quote";
	d[k] = '\0';
	i++;
	l->s += i;
	l->n -= i;
	if (k > o->len)
		return "a string is longer than its length";
	/* Cut at 255 characters ("..." follows) or at a NUL. */
	o->partial = k < o->len;
	return NULL;
}

/* acpi_ut_dump_buffer() lines: "    0000: 14 D8 ... // ascii". */
static const char *read_dump_line(struct line *l, struct nc_aobj *o,
				  size_t *have)
{
	uint64_t off;
	int hi, lo;

	skip_spaces(l);
	if (!eat_hex(l, &off) || !eat(l, ":"))
		return "a buffer dump line has no offset";
	if (off != *have)
		return "a buffer dump line is out of order";
	while (*have < o->len) {
		if (l->n < 3 || l->s[0] != ' ' || l->s[1] == ' ' ||
		    l->s[1] == '/')
			break;
		hi = hexval(l->s[1]);
		lo = hexval(l->s[2]);
		if (hi < 0 || lo < 0)
			return "a buffer dump has a bad byte";
		o->data[(*have)++] = (char)(hi << 4 | lo);
		l->s += 3;
		l->n -= 3;
		if (!(*have % 16))
			break;
	}
	return NULL;
}

static const char *read_obj(struct lines *c, struct line *l,
			    struct nc_aobj *o, int depth);

static const char *read_buffer(struct lines *c, struct line *l,
			       struct nc_aobj *o)
{
	size_t have = 0;
	const char *why;
	struct lines save;
	struct line dl;

	o->data = malloc(o->len + 1);
	if (!o->data)
		return "out of memory";
	if (!o->len)
		return NULL;
	skip_spaces(l);
	if (l->n) {
		/* Up to 16 bytes: the dump is on the same line. */
		if (o->len > 16)
			return "a long buffer's dump starts on its line";
		return read_dump_line(l, o, &have) ? : (have == o->len ? NULL :
			"a buffer dump is short");
	}
	while (have < o->len) {
		save = *c;
		if (!next_line(c, &dl))
			return "a buffer dump is cut short";
		why = read_dump_line(&dl, o, &have);
		if (why) {
			/* No dump at this debug level: the bytes are unknown. */
			*c = save;
			o->partial = true;
			return NULL;
		}
	}
	return NULL;
}

/* @n elements; o->count is set once they are allocated, for freeing. */
static const char *read_package(struct lines *c, struct nc_aobj *o,
				unsigned long n, int depth)
{
	const char *why;
	struct line el;
	size_t i;

	if (depth >= MAX_NESTING)
		return "packages nest too deep";
	/* Each element takes a line at least: no more than are left. */
	if (n > (size_t)(c->end - c->p))
		return "a package has more elements than lines";
	if (n) {
		o->elems = calloc(n, sizeof(*o->elems));
		if (!o->elems)
			return "out of memory";
	}
	o->count = n;
	for (i = 0; i < o->count; i++) {
		if (!next_line(c, &el))
			return "a package is cut short";
		why = read_obj(c, &el, &o->elems[i], depth + 1);
		if (why)
			return why;
	}
	return NULL;
}

/* One object, whose first line is @l; more lines from @c if it has them. */
static const char *read_obj(struct lines *c, struct line *l,
			    struct nc_aobj *o, int depth)
{
	uint64_t v;
	struct lines save;
	struct line more;

	skip_spaces(l);
	if (eat(l, "[Integer] = ")) {
		o->type = NC_AOBJ_INTEGER;
		if (!eat_hex(l, &o->integer))
			return "an integer has no value";
		return NULL;
	}
	if (eat(l, "[String] Length ")) {
		o->type = NC_AOBJ_STRING;
		if (!eat_hex(l, &v) || !eat(l, " = \""))
			return "a string line is malformed";
		o->len = (size_t)v;
		return read_string(l, o);
	}
	if (eat(l, "[Buffer] Length ")) {
		o->type = NC_AOBJ_BUFFER;
		if (!eat_hex(l, &v) || !eat(l, " =") || v > (uint64_t)(c->end - c->p) * 4 + 16)
			return "a buffer line is malformed";
		o->len = (size_t)v;
		return read_buffer(c, l, o);
	}
	if (eat(l, "[Package] Contains ")) {
		unsigned long n;

		o->type = NC_AOBJ_PACKAGE;
		if (!eat_dec(l, &n) || !eat(l, " Elements:"))
			return "a package line is malformed";
		return read_package(c, o, n, depth);
	}
	if (eat(l, "[Object Reference] = ")) {
		o->type = NC_AOBJ_REFERENCE;
		/* What it refers to may take more lines: up to the next object. */
		for (;;) {
			save = *c;
			if (!next_line(c, &more))
				break;
			skip_spaces(&more);
			if (!more.n || more.s[0] == '[') {
				*c = save;
				break;
			}
		}
		return NULL;
	}
	if (starts(l, "[")) {
		o->type = NC_AOBJ_OTHER;	/* null, processor, power, ... */
		return NULL;
	}
	return "an object line is not understood";
}

static int by_path(const void *a, const void *b, void *ns)
{
	const struct nc_anode *n = ((struct nc_ans *)ns)->nodes;

	return strcmp(n[*(const size_t *)a].path, n[*(const size_t *)b].path);
}

/**
 * nc_ans_find() - the device node with this normalized path
 * @ns: a parsed namespace
 * @path: the path
 * @len: its length
 *
 * Return: its index in @ns->nodes, or -1.
 */
long nc_ans_find(const struct nc_ans *ns, const char *path, size_t len)
{
	size_t lo = 0, hi = ns->nr_nodes, mid;
	const struct nc_anode *n;
	int cmp;

	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		n = &ns->nodes[ns->sorted[mid]];
		cmp = strncmp(n->path, path, len);
		if (!cmp)
			cmp = n->path_len > len;
		if (!cmp)
			return (long)ns->sorted[mid];
		if (cmp < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	return -1;
}

static bool device_type(const char *t, size_t n)
{
	static const char *const types[] = {
		"Device", "Processor", "Thermal", "Power",
	};
	size_t i;

	for (i = 0; i < ARRAY_SIZE(types); i++)
		if (strlen(types[i]) == n && !memcmp(t, types[i], n))
			return true;
	return false;
}

/* Is @a's path a proper prefix, by whole names, of @b's? */
static bool ancestor(const struct nc_anode *a, const char *b, size_t blen)
{
	if (a->path_len == 1)
		return true;	/* the root */
	return a->path_len < blen && !memcmp(a->path, b, a->path_len) &&
	       b[a->path_len] == '.';
}

/* " 2  Device        _SB.PCI0": keep devices, with their parents. */
static const char *read_paths(struct lines *c, struct nc_ans *ns,
			      size_t *cap)
{
	long *stack = NULL;
	size_t top = 0, stack_cap = 0, type_len, path_len;
	struct line l, t;
	unsigned long depth;
	struct nc_anode *n;
	const char *type;
	char *path;

	while (next_line(c, &l)) {
		if (!l.n)
			continue;
		if (starts(&l, "Executing all objects")) {
			c->p = l.s;	/* the next section */
			break;
		}
		t = l;
		skip_spaces(&t);
		if (!eat_dec(&t, &depth) || !t.n || t.s[0] != ' ')
			continue;	/* not a path line */
		skip_spaces(&t);
		type = t.s;
		while (t.n && t.s[0] != ' ') {
			t.s++;
			t.n--;
		}
		type_len = (size_t)(t.s - type);
		skip_spaces(&t);
		if (!t.n || !device_type(type, type_len))
			continue;
		path = normal_path(t.s, t.n, &path_len);
		if (!path) {
			free(stack);
			return "a namespace path is malformed";
		}
		if (nc_grow((void **)&ns->nodes, cap, ns->nr_nodes + 1,
			 sizeof(*ns->nodes)) ||
		    nc_grow((void **)&stack, &stack_cap, top + 1, sizeof(*stack))) {
			free(path);
			free(stack);
			return "out of memory";
		}
		while (top && !ancestor(&ns->nodes[stack[top - 1]], path,
					path_len))
			top--;
		n = &ns->nodes[ns->nr_nodes];
		memset(n, 0, sizeof(*n));
		n->path = path;
		n->path_len = path_len;
		n->parent = top ? stack[top - 1] : 0;
		stack[top++] = (long)ns->nr_nodes++;
	}
	free(stack);
	return NULL;
}

static const char *add_orphan(struct nc_ans *ns, size_t *cap, char *path,
			      struct nc_aresult **res)
{
	if (nc_grow((void **)&ns->orphans, cap, ns->nr_orphans + 1,
		 sizeof(*ns->orphans))) {
		free(path);
		return "out of memory";
	}
	memset(&ns->orphans[ns->nr_orphans], 0, sizeof(*ns->orphans));
	ns->orphans[ns->nr_orphans].path = path;
	*res = &ns->orphans[ns->nr_orphans++].res;
	return NULL;
}

/* "\_SB_.PCI0._HID    returned AE_OK": the result slot it starts. */
static const char *start_result(struct nc_ans *ns, struct line *l, int m,
				size_t *orphan_cap, struct nc_aresult **res)
{
	const char *end = memmem(l->s, l->n, " returned ", 10);
	size_t plen, owner_len, slen;
	const char *status;
	char *path;
	long idx;

	*res = NULL;
	plen = (size_t)(end - l->s);
	while (plen && l->s[plen - 1] == ' ')
		plen--;
	path = normal_path(l->s, plen, &plen);
	if (!path)
		return "an evaluated path is malformed";
	owner_len = plen;
	while (owner_len > 1 && path[owner_len - 1] != '.' &&
	       path[owner_len - 1] != '\\')
		owner_len--;
	/* "\X._HID" is owned by "\X"; "\_HID" by the root, "\". */
	if (owner_len > 1 && path[owner_len - 1] == '.')
		owner_len--;
	idx = nc_ans_find(ns, path, owner_len);
	if (idx >= 0) {
		free(path);
		*res = &ns->nodes[idx].res[m];
	} else if (m == NC_AM_DSD) {
		path[owner_len] = '\0';
		if (add_orphan(ns, orphan_cap, path, res))
			return "out of memory";
	} else {
		free(path);
		return NULL;	/* not a device's: nothing reads it */
	}
	if ((*res)->present)
		return "an object was evaluated twice";
	status = end + 10;
	slen = (size_t)(l->s + l->n - status);
	(*res)->present = true;
	(*res)->status = strndup(status, slen);
	return (*res)->status ? NULL : "out of memory";
}

/* One "all NAME" section, up to its "Evaluated N names" line. */
static const char *read_all(struct lines *c, struct nc_ans *ns, int m,
			    size_t *orphan_cap)
{
	struct nc_aresult *res = NULL;
	const char *why;
	struct line l, o;

	while (next_line(c, &l)) {
		if (starts(&l, "Evaluated ") && ends(&l, " names in the namespace"))
			return NULL;
		if (l.n && l.s[0] == '\\' && memmem(l.s, l.n, " returned ", 10)) {
			why = start_result(ns, &l, m, orphan_cap, &res);
			if (why)
				return why;
			continue;
		}
		if (!starts(&l, "Evaluation of ") ||
		    !memmem(l.s, l.n, " returned object ", 17))
			continue;
		if (!res)
			continue;	/* not a device's object */
		if (res->has_obj)
			return "an evaluation printed two objects";
		if (!next_line(c, &o))
			return "an evaluation's object is missing";
		res->has_obj = true;
		why = read_obj(c, &o, &res->obj, 0);
		if (why)
			return why;
		res = NULL;
	}
	return "the output ends inside an \"all\" command";
}

/**
 * nc_parse_acpiexec() - read acpiexec's output for NC_ACPIEXEC_BATCH
 * @text: the output
 * @len: its length
 * @ns: filled in; free with nc_ans_free(), also after an error
 *
 * Return: NULL, or why the output could not be read.
 */
const char *nc_parse_acpiexec(const char *text, size_t len,
			      struct nc_ans *ns)
{
	struct lines c = { text, text + len };
	size_t cap = 0, orphan_cap = 0, i;
	bool seen[NC_AM_COUNT] = { false }, paths = false;
	const char *why;
	struct line l;
	int m;

	memset(ns, 0, sizeof(*ns));
	if (nc_grow((void **)&ns->nodes, &cap, 1, sizeof(*ns->nodes)))
		return "out of memory";
	memset(&ns->nodes[0], 0, sizeof(ns->nodes[0]));
	ns->nodes[0].path = strdup("\\");
	if (!ns->nodes[0].path)
		return "out of memory";
	ns->nodes[0].path_len = 1;
	ns->nodes[0].parent = -1;
	ns->nr_nodes = 1;

	while (next_line(&c, &l)) {
		if (!paths && starts(&l, "ACPI Namespace (from root):")) {
			why = read_paths(&c, ns, &cap);
			if (why)
				return why;
			ns->sorted = malloc(ns->nr_nodes * sizeof(*ns->sorted));
			if (!ns->sorted)
				return "out of memory";
			for (i = 0; i < ns->nr_nodes; i++)
				ns->sorted[i] = i;
			qsort_r(ns->sorted, ns->nr_nodes, sizeof(*ns->sorted),
				by_path, ns);
			for (i = 1; i < ns->nr_nodes; i++)
				if (!strcmp(ns->nodes[ns->sorted[i]].path,
					    ns->nodes[ns->sorted[i - 1]].path))
					return "a device appears twice in the namespace";
			paths = true;
			continue;
		}
		if (!paths || !eat(&l, "Executing all objects with NameSeg: "))
			continue;
		for (m = 0; m < NC_AM_COUNT; m++)
			if (l.n == 4 && !memcmp(l.s, meth_names[m], 4))
				break;
		if (m == NC_AM_COUNT || seen[m])
			return "an unexpected \"all\" command";
		seen[m] = true;
		why = read_all(&c, ns, m, &orphan_cap);
		if (why)
			return why;
	}
	if (!paths)
		return "no namespace listing";
	for (m = 0; m < NC_AM_COUNT; m++)
		if (!seen[m])
			return "the evaluations are incomplete";
	return NULL;
}

static void result_free(struct nc_aresult *r)
{
	free(r->status);
	nc_aobj_free(&r->obj);
}

void nc_ans_free(struct nc_ans *ns)
{
	size_t i;
	int m;

	for (i = 0; i < ns->nr_nodes; i++) {
		free(ns->nodes[i].path);
		for (m = 0; m < NC_AM_COUNT; m++)
			result_free(&ns->nodes[i].res[m]);
	}
	for (i = 0; i < ns->nr_orphans; i++) {
		free(ns->orphans[i].path);
		result_free(&ns->orphans[i].res);
	}
	free(ns->nodes);
	free(ns->orphans);
	free(ns->sorted);
	memset(ns, 0, sizeof(*ns));
}
