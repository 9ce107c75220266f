/* SPDX-License-Identifier: GPL-2.0 */
/* A minimal test harness: one PASS/FAIL line per case, totals at the end. */
#ifndef NCPOLICY_TEST_H
#define NCPOLICY_TEST_H

#include <stdio.h>

static int t_pass, t_fail;

#define EXPECT(name, cond) do {						\
	if (cond) {							\
		t_pass++;						\
		printf("PASS %s\n", name);				\
	} else {							\
		t_fail++;						\
		printf("FAIL %s (%s:%d: %s)\n", name, __FILE__,		\
		       __LINE__, #cond);				\
	}								\
} while (0)

static inline int t_finish(const char *suite)
{
	printf("%s: %d passed, %d failed\n", suite, t_pass, t_fail);
	return t_fail || !t_pass;
}

#endif
