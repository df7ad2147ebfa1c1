#include <criterion/criterion.h>
Test(stub, talk) { cr_assert(1); }
