#!/bin/sh
# Counts every test result the automake TAP driver recorded (Criterion's tests
# and the scripts' checks alike) and prints "N passed, N failed" last.
cd "${1:-.}" || exit 1
find tests -name '*.trs' -exec cat {} + 2>/dev/null | awk '
	/^:test-result: (PASS|XFAIL)/ { p++ }
	/^:test-result: (FAIL|XPASS|ERROR)/ { f++ }
	/^:test-result: SKIP/ { s++ }
	END {
		if (s) printf "%d passed, %d failed, %d skipped\n", p, f, s
		else printf "%d passed, %d failed\n", p, f
	}'
