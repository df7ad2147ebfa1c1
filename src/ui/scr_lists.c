#include "config.h"
/* stub until written: returns no screen */
#include "ui/ui.h"
screen *scr_students(ui *u) { (void)u; return NULL; }
screen *scr_members(ui *u) { (void)u; return NULL; }
screen *scr_pairings(ui *u) { (void)u; return NULL; }
screen *scr_talks(ui *u) { (void)u; return NULL; }
screen *scr_counsellors(ui *u) { (void)u; return NULL; }
