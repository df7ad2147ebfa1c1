#include <criterion/criterion.h>
Test(stub, pairing) { cr_assert(1); }
