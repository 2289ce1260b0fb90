/* SPDX-License-Identifier: MIT */
/* memcmp: compilers emit it for comparisons of fixed-size memory; bytes compare as unsigned char.
 */
#include <string.h>

int memcmp(const void *a, const void *b, size_t n)
{
    const unsigned char *x = a;
    const unsigned char *y = b;

    for (size_t i = 0; i < n; i++) {
        if (x[i] != y[i])
            return x[i] < y[i] ? -1 : 1;
    }
    return 0;
}
