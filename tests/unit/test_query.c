#include <criterion/criterion.h>
Test(stub, query) { cr_assert(1); }
