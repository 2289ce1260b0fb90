/* SPDX-License-Identifier: MIT */
/*
 * Negative control for the link-map check: 128-bit division is a libgcc call (__umodti3), and
 * Debian's libgcc builds that member with the red zone. The check must name it.
 */
unsigned __int128 probe(unsigned __int128 a, unsigned __int128 b);

unsigned __int128 probe(unsigned __int128 a, unsigned __int128 b)
{
    return a % b;
}
