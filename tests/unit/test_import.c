#include <criterion/criterion.h>
Test(stub, import) { cr_assert(1); }
