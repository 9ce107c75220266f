// SPDX-License-Identifier: GPL-2.0
/*
 * Run a helper program (ACPICA's acpiexec and acpixtract) with its output
 * captured and a time limit: AML can loop or sleep for ever, and ncpolicy
 * must not. The child gets its own process group, so that whatever it
 * starts is killed with it.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "subprocess.h"

/* The child's exec error, sent over a close-on-exec pipe. */
static void child(char *const argv[], const char *cwd, int out_fd, int err_fd)
{
	int null_fd, e;

	setpgid(0, 0);
	null_fd = open("/dev/null", O_RDONLY);
	if (null_fd < 0 || dup2(null_fd, 0) < 0 || dup2(out_fd, 1) < 0 ||
	    dup2(out_fd, 2) < 0)
		goto fail;
	if (cwd && chdir(cwd))
		goto fail;
	execvp(argv[0], argv);
fail:
	e = errno;
	if (write(err_fd, &e, sizeof(e)) < 0)
		_exit(127);
	_exit(127);
}

static long now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1000L + ts.tv_nsec / 1000000L;
}

/* Read what is there into r->out; 1 at end of file, 0 if more, -1 error. */
static int drain(int fd, struct nc_run *r, size_t *cap, size_t max_out)
{
	char *p;
	ssize_t n;

	if (r->len + 4096 + 1 > *cap) {
		size_t want = *cap ? *cap * 2 : 65536;

		if (want > max_out + 1)
			want = max_out + 1;
		if (r->len + 1 >= want)
			return -1;	/* more output than we accept */
		p = realloc(r->out, want);
		if (!p)
			return -1;
		r->out = p;
		*cap = want;
	}
	n = read(fd, r->out + r->len, *cap - r->len - 1);
	if (n < 0)
		return errno == EINTR || errno == EAGAIN ? 0 : -1;
	if (n == 0)
		return 1;
	r->len += (size_t)n;
	return 0;
}

/**
 * nc_run() - run a program, capture its output, kill it at a time limit
 * @argv: the program (looked up in PATH) and its arguments
 * @cwd: its working directory, or NULL for ours
 * @seconds: the time limit
 * @max_out: the most output to accept; more ends the run as a failure
 * @r: filled in; free r->out with nc_run_free()
 *
 * Return: 0 if the program ran (see @r for how it ended), -1 if it could
 * not be run or its output could not be kept (errno set; r->missing if
 * it is not installed).
 */
int nc_run(char *const argv[], const char *cwd, unsigned int seconds,
	   size_t max_out, struct nc_run *r)
{
	int out[2], err[2], st, e = 0, done = 0, ret = 0;
	long deadline = now_ms() + seconds * 1000L, left;
	struct pollfd pfd;
	size_t cap = 0;
	ssize_t n;
	pid_t pid;

	memset(r, 0, sizeof(*r));
	r->status = -1;
	if (pipe(out))
		return -1;
	if (pipe(err)) {
		close(out[0]);
		close(out[1]);
		return -1;
	}
	/* The exec-error pipe closes on a successful exec. */
	fcntl(out[0], F_SETFD, FD_CLOEXEC);
	fcntl(err[0], F_SETFD, FD_CLOEXEC);
	fcntl(err[1], F_SETFD, FD_CLOEXEC);
	pid = fork();
	if (pid == 0)
		child(argv, cwd, out[1], err[1]);
	close(out[1]);
	close(err[1]);
	if (pid < 0) {
		close(out[0]);
		close(err[0]);
		return -1;
	}
	setpgid(pid, pid);	/* also here: no race with the kill below */
	n = read(err[0], &e, sizeof(e));
	close(err[0]);
	if (n == sizeof(e)) {
		waitpid(pid, &st, 0);
		close(out[0]);
		r->missing = e == ENOENT;
		errno = e;
		return -1;
	}

	pfd.fd = out[0];
	pfd.events = POLLIN;
	while (!done) {
		left = deadline - now_ms();
		if (left <= 0) {
			r->timed_out = 1;
			break;
		}
		if (poll(&pfd, 1, (int)(left > 1000 ? 1000 : left)) < 0 &&
		    errno != EINTR)
			break;
		if (pfd.revents) {
			done = drain(out[0], r, &cap, max_out);
			if (done < 0) {
				ret = -1;
				e = errno ? errno : EFBIG;
				break;
			}
		}
	}
	if (!done || ret)
		kill(-pid, SIGKILL);
	close(out[0]);
	while (waitpid(pid, &st, 0) < 0 && errno == EINTR)
		;
	if (WIFEXITED(st))
		r->status = WEXITSTATUS(st);
	else if (WIFSIGNALED(st))
		r->signal = WTERMSIG(st);
	if (r->out)
		r->out[r->len] = '\0';
	if (ret) {
		errno = e;
		return -1;
	}
	if (!r->out) {
		r->out = strdup("");
		if (!r->out)
			return -1;
	}
	return 0;
}

void nc_run_free(struct nc_run *r)
{
	free(r->out);
	r->out = NULL;
	r->len = 0;
}
