#include "test.h"
void test_math(void) {}
