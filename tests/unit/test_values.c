#include <criterion/criterion.h>
Test(stub, values) { cr_assert(1); }
