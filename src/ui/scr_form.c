#include "config.h"
/* stub until written: returns no screen */
#include "ui/ui.h"
screen *scr_form(ui *u, const char *form, const rid *id, const char *const *presets) { (void)u; (void)form; (void)id; (void)presets; return NULL; }
