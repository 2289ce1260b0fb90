/* SPDX-License-Identifier: MIT */
/* kmain of the product kernel: greet in light cyan, summarise what the loader and the firmware
 * told us, then idle with interrupts on. */
#include "console.h"
#include "kernel.h"

#include <arch/cpu.h>
#include <arch/irqflags.h>
#include <arch/protect.h>

#define BYTES_PER_MIB (1024 * 1024)

static void boot_summary(const struct boot_info *info)
{
    console_set_color(COLOR_LIGHT_GREY, COLOR_BLACK);
    kprintf("boot: %s, loader %s\n", boot_protocol_name(info->protocol),
            *info->loader_name ? info->loader_name : "unnamed");
    kprintf("boot: command line \"%s\"\n", info->cmdline);
    kprintf("boot: %lu MiB usable memory in %zu regions%s\n",
            (unsigned long)(boot_info_usable_bytes(info) / BYTES_PER_MIB), info->mmap_count,
            info->mmap_truncated ? " (map truncated)" : "");
}

static void screen_summary(const struct boot_info *info)
{
    const struct boot_framebuffer *fb = &info->fb;

    if (fb->type == BOOT_FB_RGB)
        kprintf("screen: framebuffer %ux%u, %u bits per pixel, at 0x%lx\n", fb->width, fb->height,
                fb->bpp, (unsigned long)fb->phys);
    else if (fb->type == BOOT_FB_TEXT)
        kprintf("screen: VGA text mode %ux%u\n", fb->width, fb->height);
    else
        kprintf("screen: none reported, VGA text mode assumed\n");
    if (info->acpi.present)
        kprintf("acpi: RSDP revision %u from \"%s\"\n", info->acpi.revision, info->acpi.oem_id);
}

static const char *on_off(bool on)
{
    return on ? "on" : "off";
}

static void protection_summary(void)
{
    struct cpu_protections p = cpu_protections();

    kprintf("cpu: NX %s, WP %s, SMEP %s, SMAP %s, UMIP %s\n", on_off(p.nx), on_off(p.wp),
            on_off(p.smep), on_off(p.smap), on_off(p.umip));
}

noreturn void kmain(uint32_t magic, uint64_t boot_info_phys)
{
    const struct boot_info *info = kernel_init(magic, boot_info_phys);

    console_set_color(COLOR_LIGHT_CYAN, COLOR_BLACK);
    kprintf("Hello World!\n");
    boot_summary(info);
    screen_summary(info);
    protection_summary();
    kernel_init_interrupts(info);
    irq_idle_forever();
}
