#!/bin/sh
# Runs one Criterion test program with its report in TAP on standard output.
prog=$1
shift
exec "$prog" --tap=- -j2 "$@"
