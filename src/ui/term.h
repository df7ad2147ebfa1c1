/* term.h — the terminal under the front end (curses): start/stop, styles,
 * the SIGWINCH flag, and reading one event (key, mouse, resize, tick).
 * Only ui.c, dialog.c and the drawing helpers use it; screens get events. */
#ifndef BANGFU_TERM_H
#define BANGFU_TERM_H

#include <stdbool.h>
#include <stdio.h>

#include "ui/ui.h"

/* Starts curses on the process's terminal (in and out NULL) or on the given
 * streams (newterm). Returns false if the terminal cannot be used. */
bool term_start(FILE *in, FILE *out);
void term_stop(void);
bool term_started(void);
/* Waits up to tick_ms for the next event and fills ev (action ACT_NONE;
 * keys normalised: Enter is '\r', Backspace KEY_BACKSPACE, Esc+x is meta).
 * A resize has already been applied (resizeterm) when EV_RESIZE comes. */
void term_read(ui_event *ev, int tick_ms);
/* Applies a pending resize now (true if there was one). */
bool term_check_resize(void);
/* The keymap ui_edit_key asks for the line editor's keys (NULL: only
 * characters are typed). */
void term_set_keymap(const keymap *km);
/* Hardware cursor: shown at (y, x), or hidden. */
void term_cursor(bool show, int y, int x);

/* ---- shared by ui.c, dialog.c and help.c (the front end's insides) */

screen *ui_top(ui *u);
bool ui_too_small(void);
/* Draws everything under a dialog; sets where the screen wants the cursor. */
void ui_draw_all(ui *u, bool *cursor_set);
/* Counts a frame after a doupdate; true when the frame hook says stop. */
int ui_frame_done(ui *u);
/* The action of the key in ev for the top screen (false: a prefix key). */
bool ui_resolve(ui *u, ui_event *ev);

#endif
