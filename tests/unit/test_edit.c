#include <criterion/criterion.h>
Test(stub, edit) { cr_assert(1); }
