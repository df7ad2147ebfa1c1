/* safeout.h — output that cannot take over a terminal: a stream that shows
 * control characters, bidi controls and invisible characters as visible
 * escapes (\x1B, \u202E) on their way to a file descriptor. The command
 * line's stdout and stderr and every text file it writes go through one,
 * so a value stored by an older version (or arriving some other way) is
 * never printed raw. Line ends, tabs (TSV), CR LF (CSV) and a BOM at the
 * very start of a file (CSV for Excel) pass unchanged. */
#ifndef BANGFU_SAFEOUT_H
#define BANGFU_SAFEOUT_H

#include <stdbool.h>
#include <stdio.h>

/* A new stream writing to raw's file descriptor (raw is flushed first and
 * stays open: fclose on the result closes neither raw nor its fd). A write
 * error (ENOSPC ...) sets the result's error indicator with errno. */
FILE *safeout_open(FILE *raw);
/* Replaces stdout and stderr by safe streams (once; raw ones kept for
 * safeout_raw). */
void safeout_std(void);
/* Puts the raw stdout and stderr back (flushing the safe ones first): for
 * curses, which writes to the terminal itself. */
void safeout_std_end(void);
/* The raw stream under stdout (or stdout itself before safeout_std): for
 * the program's own terminal attributes (bold), after fflush(stdout). */
FILE *safeout_raw_stdout(void);

#endif
