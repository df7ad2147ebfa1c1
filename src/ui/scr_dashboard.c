#include "config.h"
/* stub until written: returns no screen */
#include "ui/ui.h"
screen *scr_dashboard(ui *u) { (void)u; return NULL; }
