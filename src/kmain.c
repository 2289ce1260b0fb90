/* SPDX-License-Identifier: MIT */
/* kmain: where the kernel's C code starts, in 64-bit mode on the kernel stack. */
#include "console.h"
#include "panic.h"

#include <arch/cpu.h>
#include <arch/multiboot2.h>
#include <arch/vga.h>
#include <stdint.h>
#include <stdnoreturn.h>

noreturn void kmain(uint32_t magic, uint64_t boot_info_phys);

noreturn void kmain(uint32_t magic, uint64_t boot_info_phys)
{
    console_init();
    console_set_color(VGA_ATTR(VGA_LIGHT_CYAN, VGA_BLACK));
    kprintf("Hello World!\n");

    if (magic != MB2_BOOTLOADER_MAGIC)
        panic("kmain: unknown boot magic 0x%x (boot information at 0x%lx)", magic, boot_info_phys);
    cpu_halt_forever();
}
