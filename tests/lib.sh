# SPDX-License-Identifier: GPL-2.0
# Shared by the test runners: one PASS/FAIL line per case, a closing
# "SUITE: N passed, M failed" line, and a results file tests/run-all adds up.

T_PASS=0
T_FAIL=0

pass() {
	T_PASS=$((T_PASS + 1))
	echo "PASS $1"
}

# With NCPOLICY_FAIL_FAST set (tests/mutate/run), the first failure ends
# the suite: one is all a mutation run needs to know.
fail() {
	T_FAIL=$((T_FAIL + 1))
	echo "FAIL $1${2:+: $2}"
	[ -z "${NCPOLICY_FAIL_FAST:-}" ] || exit 1
}

# finish SUITE: print the total, record it, exit non-zero on any failure or
# when nothing ran at all.
finish() {
	echo "$1: $T_PASS passed, $T_FAIL failed"
	if [ -n "${NCPOLICY_RESULTS:-}" ]; then
		echo "$1 $T_PASS $T_FAIL" >> "$NCPOLICY_RESULTS"
	fi
	[ "$T_FAIL" -eq 0 ] && [ "$T_PASS" -gt 0 ]
}
