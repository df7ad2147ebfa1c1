#include <criterion/criterion.h>
Test(stub, student) { cr_assert(1); }
