#include <criterion/criterion.h>
Test(stub, dump) { cr_assert(1); }
