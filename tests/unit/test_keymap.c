#include <criterion/criterion.h>
Test(stub, keymap) { cr_assert(1); }
