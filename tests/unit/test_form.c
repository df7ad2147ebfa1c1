#include <criterion/criterion.h>
Test(stub, form) { cr_assert(1); }
