/* SPDX-License-Identifier: MIT */
/* Must not compile with the kernel flags: it needs a floating-point register. */
float scale(int x);

float scale(int x)
{
    return (float)x * 1.5f;
}
