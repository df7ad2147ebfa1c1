#include <criterion/criterion.h>
Test(stub, layout) { cr_assert(1); }
