#include <criterion/criterion.h>
Test(stub, summary) { cr_assert(1); }
