#include <criterion/criterion.h>
Test(stub, id) { cr_assert(1); }
