/* SPDX-License-Identifier: MIT */
/* The monitor's "cpu" command: what CPUID says about the processor and the features cyan uses,
 * then every CPU online. */
#include "console.h"
#include "monitor.h"
#include "smp/cpu.h"

#include <arch/cpu.h>
#include <arch/lapic.h>
#include <arch/processor.h>
#include <arch/tsc.h>
#include <string.h>

#define FAMILY_EXTENDED 15 /* family 15 adds the extended family (SDM 2A, CPUID leaf 1) */
#define FAMILY_6        6  /* families 6 and 15 take the extended model as the high nibble */

#define FEATURES_PER_LINE 6 /* what fits on an 80-column row */

enum { EAX, EBX, ECX, EDX };

struct feature {
    const char *name;
    uint32_t leaf;
    int reg;
    uint32_t mask;
};

static const struct feature features[] = {
    {"long-mode", CPUID_EXT_FEATURES, EDX, CPUID_EXT_EDX_LM},
    {"nx", CPUID_EXT_FEATURES, EDX, CPUID_EXT_EDX_NX},
    {"page1gb", CPUID_EXT_FEATURES, EDX, CPUID_EXT_EDX_PAGE1GB},
    {"smep", CPUID_STRUCTURED, EBX, CPUID_7_EBX_SMEP},
    {"smap", CPUID_STRUCTURED, EBX, CPUID_7_EBX_SMAP},
    {"umip", CPUID_STRUCTURED, ECX, CPUID_7_ECX_UMIP},
    {"apic", CPUID_FEATURES, EDX, CPUID_EDX_APIC},
    {"x2apic", CPUID_FEATURES, ECX, CPUID_ECX_X2APIC},
    {"tsc-deadline", CPUID_FEATURES, ECX, CPUID_ECX_TSC_DEADLINE},
    {"invariant-tsc", CPUID_EXT_POWER, EDX, CPUID_EXT_EDX_INVARIANT_TSC},
    {"rdrand", CPUID_FEATURES, ECX, CPUID_ECX_RDRAND},
};

/* CPUID leaf, or all zeros if the CPU's highest basic or extended leaf is below it. */
static void cpuid(uint32_t leaf, uint32_t regs[4])
{
    uint32_t max[4];

    cpu_cpuid(leaf & CPUID_EXT_MAX_LEAF, max);
    if (leaf > max[EAX]) {
        memset(regs, 0, 4 * sizeof(regs[0]));
        return;
    }
    cpu_cpuid(leaf, regs);
}

static void print_identity(void)
{
    uint32_t r[4], brand[4 * CPUID_BRAND_LEAVES + 1] = {0};
    char vendor[13];

    cpu_cpuid(CPUID_MAX_LEAF, r);
    memcpy(vendor, &r[EBX], 4); /* the vendor string is EBX, EDX, ECX */
    memcpy(vendor + 4, &r[EDX], 4);
    memcpy(vendor + 8, &r[ECX], 4);
    vendor[12] = '\0';
    cpuid(CPUID_FEATURES, r);
    unsigned family = CPUID_FAMILY(r[EAX]), model = CPUID_MODEL(r[EAX]);
    if (family == FAMILY_6 || family == FAMILY_EXTENDED)
        model += CPUID_EXT_MODEL(r[EAX]) << 4;
    if (family == FAMILY_EXTENDED)
        family += CPUID_EXT_FAMILY(r[EAX]);
    kprintf("cpu: %s, family %u, model %u, stepping %u\n", vendor, family, model,
            (unsigned)CPUID_STEPPING(r[EAX]));
    for (unsigned i = 0; i < CPUID_BRAND_LEAVES; i++)
        cpuid(CPUID_EXT_BRAND_FIRST + i, &brand[4 * i]);
    if (brand[0])
        kprintf("cpu: %s\n", (const char *)brand);
}

/* One line per CPU online: its APIC ID, how it started, the ticks its own timer gave it. */
static void print_cpus(void)
{
    for (unsigned i = 0; i < cpu_count(); i++) {
        const struct cpu *c = cpu_get(i);
        kprintf("cpu %u: APIC ID %u, ", c->index, c->apic_id);
        if (i == 0)
            kprintf("bootstrap processor");
        else
            kprintf("started in %lu us", (unsigned long)(c->boot_ns / 1000));
        kprintf(", %lu ticks%s%s\n", (unsigned long)__atomic_load_n(&c->ticks, __ATOMIC_RELAXED),
                c->boot_error ? ", " : "", c->boot_error ? c->boot_error : "");
    }
}

void cmd_cpu(const char *args)
{
    uint32_t r[4];

    (void)args;
    print_identity();
    for (size_t i = 0; i < sizeof(features) / sizeof(features[0]); i++) {
        cpuid(features[i].leaf, r);
        if (i % FEATURES_PER_LINE == 0)
            kprintf("%scpu: features", i ? "\n" : "");
        kprintf(" %s%s", (r[features[i].reg] & features[i].mask) ? "+" : "-", features[i].name);
    }
    kprintf("\n");
    print_cpus();
}
