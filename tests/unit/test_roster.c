#include <criterion/criterion.h>
Test(stub, roster) { cr_assert(1); }
