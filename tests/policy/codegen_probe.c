/* SPDX-License-Identifier: MIT */
/*
 * Code that a compiler without cyan's flags turns into red-zone accesses (a leaf function with
 * locals) and SSE moves (a large struct copy). Built with the kernel flags and disassembled, it
 * shows whether the flags are in force even where the kernel itself happens to give no occasion.
 */
#include <stdint.h>

struct block {
    uint64_t words[8];
};

int leaf_with_locals(int i);
void copy_block(struct block *dst, const struct block *src);

int leaf_with_locals(int i)
{
    volatile int scratch[16];

    scratch[i & 15] = i;
    return scratch[(i + 1) & 15];
}

void copy_block(struct block *dst, const struct block *src)
{
    *dst = *src;
}
