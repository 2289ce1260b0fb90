/* SPDX-License-Identifier: MIT */
/* kernel_init: the start-up steps every kernel image runs before doing its own work. */
#include "kernel.h"

#include "console.h"
#include "panic.h"

static struct boot_info boot_info;

const struct boot_info *kernel_init(uint32_t magic, uint64_t boot_info_phys)
{
    /* Parse first, print later: the console will need to know what the loader set up. */
    const char *error = boot_info_parse(magic, boot_info_phys, &boot_info);

    console_init();
    if (error)
        panic("%s", error);
    return &boot_info;
}
