/* SPDX-License-Identifier: MIT */
/* The smallest libFuzzer target: meson.build links it at configure time to test clang. */
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    (void)data;
    (void)size;
    return 0;
}
