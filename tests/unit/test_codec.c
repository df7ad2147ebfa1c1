#include <criterion/criterion.h>
Test(stub, codec) { cr_assert(1); }
