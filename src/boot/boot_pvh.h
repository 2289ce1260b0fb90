/* SPDX-License-Identifier: MIT */
/* PVH start info parser (kernel side: follows physical pointers through the direct map). */
#ifndef CYAN_BOOT_PVH_H
#define CYAN_BOOT_PVH_H

#include "boot_info.h"

/* Fill *info from the hvm_start_info at phys; returns NULL or what was wrong. */
const char *boot_pvh_parse(uint64_t phys, struct boot_info *info);

#endif
