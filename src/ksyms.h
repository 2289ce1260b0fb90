/* SPDX-License-Identifier: MIT */
/* The kernel's function symbols, for naming code addresses in crash reports. */
#ifndef CYAN_KSYMS_H
#define CYAN_KSYMS_H

#include <stdbool.h>
#include <stdint.h>

/* Name of the function containing addr and addr's offset in it; false if none is known. */
bool ksym_lookup(uint64_t addr, const char **name, uint64_t *offset);

#endif
