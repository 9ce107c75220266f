/* SPDX-License-Identifier: GPL-2.0 */
/*
 * say(): how the programs booted by the tests report to the host (the
 * QEMU probe, the driver of tests/wcmap, the VMM of tests/kvm): one line
 * "SAY_PREFIX<formatted text>" per call on standard output, which is the
 * console. Each line goes out in a single write() so that kernel messages
 * on the same console cannot split it. Define SAY_PREFIX before including.
 */
#ifndef NCPOLICY_TESTS_SAY_H
#define NCPOLICY_TESTS_SAY_H

#include <stdarg.h>
#include <stdio.h>
#include <unistd.h>

#ifndef SAY_PREFIX
#error "define SAY_PREFIX before including say.h"
#endif

static void __attribute__((format(printf, 1, 2))) say(const char *fmt, ...)
{
	char buf[1024];
	va_list ap;
	int n, m;

	n = snprintf(buf, sizeof(buf), "%s", SAY_PREFIX);
	va_start(ap, fmt);
	m = vsnprintf(buf + n, sizeof(buf) - n - 1, fmt, ap);
	va_end(ap);
	if (m < 0)
		return;
	n += m;
	/* Truncated: keep what fits and still end the line. */
	if (n > (int)sizeof(buf) - 2)
		n = sizeof(buf) - 2;
	buf[n++] = '\n';
	if (write(STDOUT_FILENO, buf, n) < 0)
		return;
}

#endif /* NCPOLICY_TESTS_SAY_H */
