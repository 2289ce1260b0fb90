/* SPDX-License-Identifier: MIT */
/* The monitor's command table, and the commands small enough to live beside it. */
#include "monitor.h"

#include "console.h"
#include "frame.h"
#include "heap.h"
#include "input.h"
#include "irq/irq.h"
#include "panic.h"
#include "smp/cpu.h"
#include "time/clock.h"
#include "time/timer.h"

#include <arch/cpu.h>
#include <arch/idt.h>
#include <arch/trap.h>

#define KIB 1024

static void cmd_help(const char *args);

static void cmd_echo(const char *args)
{
    kprintf("%s\n", args);
}

static const char *memory_type(uint32_t type)
{
    switch (type) {
    case BOOT_MEM_USABLE:
        return "usable";
    case BOOT_MEM_RESERVED:
        return "reserved";
    case BOOT_MEM_ACPI_RECLAIMABLE:
        return "ACPI reclaimable";
    case BOOT_MEM_ACPI_NVS:
        return "ACPI NVS";
    case BOOT_MEM_BAD:
        return "bad";
    default:
        return "other";
    }
}

static void cmd_mem(const char *args)
{
    const struct boot_info *info = monitor_boot_info();

    (void)args;
    for (size_t i = 0; i < info->mmap_count; i++) {
        const struct boot_mem_region *r = &info->mmap[i];
        kprintf("  %016lx-%016lx %9lu KiB  %s\n", (unsigned long)r->base,
                (unsigned long)(r->base + r->length - 1), (unsigned long)(r->length / KIB),
                memory_type(r->type));
    }
    kprintf("%lu KiB usable in %zu regions%s\n",
            (unsigned long)(boot_info_usable_bytes(info) / KIB), info->mmap_count,
            info->mmap_truncated ? " (map truncated)" : "");
    struct frame_stats s = frame_stats();
    uint64_t free = 0, total = 0;
    for (unsigned z = 0; z < FRAME_ZONES; z++) {
        free += s.free[z];
        total += s.total[z];
    }
    kprintf("%lu KiB free of the %lu KiB the frame allocator manages\n",
            (unsigned long)(free * FRAME_SIZE / KIB), (unsigned long)(total * FRAME_SIZE / KIB));
    struct heap_stats h = heap_stats();
    kprintf("heap: %zu bytes live (peak %zu) in %llu blocks, %zu KiB of frames held (peak %zu "
            "KiB), %llu failed allocations\n",
            h.bytes_live, h.bytes_peak, (unsigned long long)(h.allocs - h.frees),
            h.pages_held * FRAME_SIZE / KIB, h.pages_peak * FRAME_SIZE / KIB,
            (unsigned long long)h.failures);
}

#define NS_PER_MS 1000000
#define MS_PER_S  1000

static void cmd_uptime(const char *args)
{
    uint64_t ms = clock_ns() / NS_PER_MS;

    (void)args;
    kprintf("uptime: %lu.%03lu s since the clock started (%s); %lu ticks at %u Hz\n",
            (unsigned long)(ms / MS_PER_S), (unsigned long)(ms % MS_PER_S), clock_source_name(),
            (unsigned long)timer_ticks(), timer_hz());
}

#define ISA_IRQS 16

/* What a vector carries: the architecture's name for it, else the ISA IRQ routed to it. */
static void print_vector(unsigned v, unsigned long count)
{
    const char *mnemonic, *name = trap_vector_name(v, &mnemonic);
    struct irq_route r;

    for (unsigned irq = 0; irq < ISA_IRQS; irq++) {
        if (irq_route_of(irq, &r) && r.vector == v) {
            kprintf("  vector %3u  %10lu  ISA IRQ %u (GSI %u)\n", v, count, irq, r.gsi);
            return;
        }
    }
    if (v == VECTOR_APIC_TIMER)
        name = "local APIC timer";
    kprintf("  vector %3u  %10lu  %s\n", v, count, name);
}

static void cmd_irq(const char *args)
{
    (void)args;
    for (unsigned v = 0; v < IDT_VECTORS; v++) {
        unsigned long n = trap_count(v);
        if (n)
            print_vector(v, n);
    }
    kprintf("input: %lu events lost (queue full)\n", (unsigned long)input_lost());
}

static void cmd_halt(const char *args)
{
    (void)args;
    kprintf("halt: %s now; power off or reset the machine\n",
            cpu_count() > 1 ? "every CPU stops" : "the CPU stops");
    halt_every_cpu();
}

const struct command monitor_commands[] = {
    {"help", "list the commands", cmd_help},
    {"mem", "the memory map the loader gave, and free memory", cmd_mem},
    {"uptime", "time since reset", cmd_uptime},
    {"cpu", "CPUID vendor, model, the features the kernel uses, every CPU online", cmd_cpu},
    {"irq", "how often each interrupt vector was taken", cmd_irq},
    {"ps", "the threads: id, CPU, state, run time, name", cmd_ps},
    {"spin", "spin N: start N CPU-bound threads (spin 0 stops them)", cmd_spin},
    {"echo", "print the rest of the line", cmd_echo},
    {"reboot", "reset the machine (ACPI, then 8042, then triple fault)", cmd_reboot},
    {"halt", "stop every CPU", cmd_halt},
    {NULL, NULL, NULL},
};

static void cmd_help(const char *args)
{
    (void)args;
    for (const struct command *c = monitor_commands; c->name; c++)
        kprintf("  %-8s %s\n", c->name, c->help);
}
