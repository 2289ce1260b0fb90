/* SPDX-License-Identifier: MIT */
/* Multiboot2 boot information parser: pure, bounded, buildable on the host for tests and fuzzing.
 */
#ifndef CYAN_BOOT_MB2_H
#define CYAN_BOOT_MB2_H

#include "boot_info.h"

/*
 * Parse the Multiboot2 boot information at mbi, of which avail bytes may be read. Returns NULL,
 * or a message naming what is wrong; never reads outside [mbi, mbi + avail).
 */
const char *mb2_parse(const void *mbi, size_t avail, struct boot_info *info);

#endif
