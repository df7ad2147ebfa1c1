#include <criterion/criterion.h>
Test(stub, date) { cr_assert(1); }
