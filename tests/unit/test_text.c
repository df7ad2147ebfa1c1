#include <criterion/criterion.h>
Test(stub, text) { cr_assert(1); }
