#include <criterion/criterion.h>
Test(stub, demo) { cr_assert(1); }
