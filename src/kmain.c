/* SPDX-License-Identifier: MIT */
/* kmain of the product kernel: greet in light cyan, summarise what the loader and the firmware
 * told us, then the monitor, with interrupts on. */
#include "console.h"
#include "frame.h"
#include "heap.h"
#include "input.h"
#include "kernel.h"
#include "mm.h"
#include "monitor.h"
#include "sched/sched.h"

#include <arch/cpu.h>
#include <arch/irqflags.h>
#include <arch/protect.h>
#include <string.h>

#define BYTES_PER_MIB (1024 * 1024)

static void put_escaped(void *ctx, char c)
{
    (void)ctx;
    console_putc(c);
}

/* A string from the loader, quoted, in a form that cannot drive the terminal or the screen. */
static void print_loader_string(const char *s, size_t len)
{
    console_putc('"');
    boot_info_escape(s, len, put_escaped, NULL);
    console_putc('"');
}

static void boot_summary(const struct boot_info *info)
{
    size_t kept = strlen(info->cmdline);

    console_set_color(COLOR_LIGHT_GREY, COLOR_BLACK);
    kprintf("boot: %s, loader ", boot_protocol_name(info->protocol));
    if (*info->loader_name)
        print_loader_string(info->loader_name, strlen(info->loader_name));
    else
        kprintf("unnamed");
    if (kept < info->cmdline_length)
        kprintf("\nboot: command line (%zu bytes, cut to the first %zu) ", info->cmdline_length,
                kept);
    else
        kprintf("\nboot: command line (%zu bytes) ", kept);
    print_loader_string(info->cmdline, kept);
    kprintf("\nboot: %lu MiB usable memory in %zu regions%s\n",
            (unsigned long)(boot_info_usable_bytes(info) / BYTES_PER_MIB), info->mmap_count,
            info->mmap_truncated ? " (map truncated)" : "");
}

/* What the loader reported about the screen, as it reported it. */
static void screen_reported(const struct boot_framebuffer *fb)
{
    if (fb->type == BOOT_FB_NONE) {
        kprintf("screen: the loader reported none\n");
        return;
    }
    if (fb->type == BOOT_FB_TEXT) {
        kprintf("screen: the loader reported VGA text mode %ux%u\n", fb->width, fb->height);
        return;
    }
    kprintf("screen: the loader reported a framebuffer %ux%u, %u bits per pixel", fb->width,
            fb->height, fb->bpp);
    if (fb->type == BOOT_FB_RGB)
        kprintf(" (red %u:%u, green %u:%u, blue %u:%u)", fb->red_position, fb->red_size,
                fb->green_position, fb->green_size, fb->blue_position, fb->blue_size);
    else
        kprintf(fb->type == BOOT_FB_INDEXED ? " (palette-indexed)" : " (of unknown type)");
    kprintf(", pitch %u, at 0x%lx\n", fb->pitch, (unsigned long)fb->phys);
}

/* What the kernel chose to draw on, and why. */
static void screen_chosen(const struct boot_info *info)
{
    const struct screen *s = console_screen();
    const char *refusal = console_fb_refusal();

    if (refusal)
        kprintf("screen: refused, %s: no screen, COM1 only\n", refusal);
    else if (info->fb.type == BOOT_FB_NONE)
        kprintf("screen: VGA text mode assumed, %ux%u\n", s->cols, s->rows);
    else
        kprintf("screen: using it, %ux%u characters\n", s->cols, s->rows);
}

/* What the frame allocator holds: the RAM the kernel can actually use, by zone. */
static void memory_summary(void)
{
    struct frame_stats s = frame_stats();
    size_t regions;
    const struct memmap_region *map = memory_map(&regions);
    uint64_t ram = 0;

    for (size_t i = 0; i < regions; i++)
        ram += memmap_is_ram(map[i].type) ? map[i].length : 0;
    kprintf("memory: %lu MiB free of %lu MiB RAM (%lu MiB below 4 GiB, %lu MiB above)\n",
            (unsigned long)((s.free[FRAME_ZONE_LOW] + s.free[FRAME_ZONE_DMA32] +
                             s.free[FRAME_ZONE_HIGH]) *
                            FRAME_SIZE / BYTES_PER_MIB),
            (unsigned long)(ram / BYTES_PER_MIB),
            (unsigned long)((s.free[FRAME_ZONE_LOW] + s.free[FRAME_ZONE_DMA32]) * FRAME_SIZE /
                            BYTES_PER_MIB),
            (unsigned long)(s.free[FRAME_ZONE_HIGH] * FRAME_SIZE / BYTES_PER_MIB));
}

/* What the kernel heap holds: blocks in use, and the frames it took for them (see heap.h). */
static void heap_summary(void)
{
    struct heap_stats h = heap_stats();

    kprintf("heap: %zu bytes in %llu blocks, %zu KiB of frames held (peak %zu KiB)\n", h.bytes_live,
            (unsigned long long)(h.allocs - h.frees), h.pages_held * 4, h.pages_peak * 4);
}

static void screen_summary(const struct boot_info *info)
{
    screen_reported(&info->fb);
    screen_chosen(info);
    if (info->acpi.present) {
        kprintf("acpi: RSDP revision %u from ", info->acpi.revision);
        print_loader_string(info->acpi.oem_id, strlen(info->acpi.oem_id));
        console_putc('\n');
    }
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
    memory_summary();
    heap_summary();
    screen_summary(info);
    protection_summary();
    kernel_init_interrupts(info);
    input_init(info);
    /* From here on this is the monitor's thread, one among others, preempted by the tick. */
    sched_init("monitor");
    monitor_run(info);
}
