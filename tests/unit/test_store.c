#include <criterion/criterion.h>
Test(stub, store) { cr_assert(1); }
