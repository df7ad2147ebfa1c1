#include "config.h"
/* stub until written: returns no screen */
#include "ui/ui.h"
screen *scr_record(ui *u, const rid *id) { (void)u; (void)id; return NULL; }
