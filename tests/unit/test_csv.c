#include <criterion/criterion.h>
Test(stub, csv) { cr_assert(1); }
