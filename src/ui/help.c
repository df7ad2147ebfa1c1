#include "config.h"
/* stub until written: returns no screen */
#include "ui/ui.h"
screen *scr_help(ui *u, const screen *of) { (void)u; (void)of; return NULL; }
