/* SPDX-License-Identifier: GPL-2.0 */
#ifndef NCPOLICY_SUBPROCESS_H
#define NCPOLICY_SUBPROCESS_H

#include <stddef.h>

/**
 * struct nc_run - the outcome of nc_run()
 * @out: what the program wrote to stdout and stderr, NUL-terminated
 * @len: bytes in @out, without the NUL
 * @status: exit status, or -1 if it did not exit normally
 * @signal: the signal that ended it, 0 if none
 * @timed_out: it ran past the time limit and was killed
 * @missing: the program is not installed (exec failed with ENOENT)
 */
struct nc_run {
	char *out;
	size_t len;
	int status;
	int signal;
	int timed_out;
	int missing;
};

int nc_run(char *const argv[], const char *cwd, unsigned int seconds,
	   size_t max_out, struct nc_run *r);
void nc_run_free(struct nc_run *r);

#endif
