// SPDX-License-Identifier: GPL-2.0
/*
 * Find normal_nc_mmio= on a kernel command line the way the kernel does:
 * lib/cmdline.c next_arg() splits words (double quotes group, and are
 * stripped from the value), parse_args() stops at "--", parameq() treats
 * '-' and '_' in names alike, and every occurrence calls the early_param
 * handler in order, so the last one counts.
 */
#include <stdlib.h>
#include <string.h>

#include "cmdline.h"

/* The kernel's isspace(): ASCII white space and Latin-1 NBSP. */
static int kspace(char c)
{
	return c == ' ' || (c >= '\t' && c <= '\r') || (unsigned char)c == 0xa0;
}

static char *skip_spaces(char *s)
{
	while (kspace(*s))
		s++;
	return s;
}

/* lib/cmdline.c next_arg(), same semantics. */
static char *next_arg(char *args, char **param, char **val)
{
	size_t i, equals = 0;
	int in_quote = 0, quoted = 0;

	if (*args == '"') {
		args++;
		in_quote = 1;
		quoted = 1;
	}

	for (i = 0; args[i]; i++) {
		if (kspace(args[i]) && !in_quote)
			break;
		if (equals == 0 && args[i] == '=')
			equals = i;
		if (args[i] == '"')
			in_quote = !in_quote;
	}

	*param = args;
	if (!equals) {
		*val = NULL;
	} else {
		args[equals] = '\0';
		*val = args + equals + 1;
		if (**val == '"') {
			(*val)++;
			if (args[i - 1] == '"')
				args[i - 1] = '\0';
		}
	}
	if (quoted && i > 0 && args[i - 1] == '"')
		args[i - 1] = '\0';

	if (args[i]) {
		args[i] = '\0';
		args += i + 1;
	} else {
		args += i;
	}
	return skip_spaces(args);
}

/* kernel/params.c parameq(): '-' and '_' are the same in names. */
static int parameq(const char *a, const char *b)
{
	for (; *a || *b; a++, b++) {
		char ca = *a == '-' ? '_' : *a;
		char cb = *b == '-' ? '_' : *b;

		if (ca != cb)
			return 0;
	}
	return 1;
}

/**
 * nc_cmdline_find() - resolve normal_nc_mmio= on a command line
 * @cmdline: the whole command line
 * @p: result; free with nc_cmdline_param_free()
 *
 * Return: 0, or -1 when out of memory.
 */
int nc_cmdline_find(const char *cmdline, struct nc_cmdline_param *p)
{
	char *copy, *args, *param, *val;

	memset(p, 0, sizeof(*p));
	p->value = NC_MMIO_VALUE_ABSENT;
	copy = strdup(cmdline);
	if (!copy)
		return -1;

	args = skip_spaces(copy);
	while (*args) {
		args = next_arg(args, &param, &val);
		if (!val && !strcmp(param, "--"))
			break;
		if (!parameq(param, NC_MMIO_PARAM))
			continue;
		free(p->text);
		p->text = val ? strdup(val) : NULL;
		if (val && !p->text) {
			free(copy);
			return -1;
		}
		p->found = 1;
		p->value = nc_mmio_parse_param(val);
	}
	free(copy);
	return 0;
}

void nc_cmdline_param_free(struct nc_cmdline_param *p)
{
	free(p->text);
	p->text = NULL;
}
