/* SPDX-License-Identifier: MIT */
/*
 * The kernel's side of the ACPI parsers: physical memory through the direct map, with the pages
 * the firmware keeps its tables in (left out of the direct map as not RAM) mapped read-only on
 * first use, and warnings on the console.
 */
#include "acpi/system.h"

#include "console.h"

#include <arch/memlayout.h>
#include <arch/paging.h>

/* The BIOS read-only area (ACPI 6.5, 5.2.5.1): where a BIOS keeps its RSDP, often not listed
 * in the memory map. */
#define BIOS_AREA_START 0xe0000
#define BIOS_AREA_END   0x100000

static struct acpi_system sys;
static const struct boot_info *boot;

/* Whether [phys, end) lies in one region of the memory map, or in the BIOS area. Tables are
 * never in device memory, so a pointer there is a lie and is not followed. */
static bool memory_range(uint64_t phys, uint64_t end)
{
    if (phys >= BIOS_AREA_START && end <= BIOS_AREA_END)
        return true;
    for (size_t i = 0; i < boot->mmap_count; i++) {
        const struct boot_mem_region *r = &boot->mmap[i];
        if (phys >= r->base && end <= r->base + r->length)
            return true;
    }
    return false;
}

static const void *map_tables(void *ctx, uint64_t phys, size_t len)
{
    (void)ctx;
    if (len == 0 || !phys_in_direct_map(phys, len) || !memory_range(phys, phys + len))
        return NULL;
    for (uint64_t page = phys & ~(uint64_t)(PAGE_SIZE - 1); page < phys + len; page += PAGE_SIZE) {
        uint64_t virt = (uint64_t)(uintptr_t)phys_to_virt(page), mapped, flags;
        if (!paging_query(&kernel_space, virt, &mapped, &flags) &&
            !paging_map(&kernel_space, virt, page, PAGE_READ))
            return NULL;
    }
    return phys_to_virt(phys);
}

static void warn(void *ctx, const char *signature, const char *message)
{
    (void)ctx;
    kprintf("acpi: %s: %s\n", signature, message);
}

static const struct acpi_ops kernel_ops = {.map = map_tables, .warn = warn};

/* Parse the first table with this signature; a table that fails is reported as ignored. */
static bool parse_one(const char *signature, const char *(*parse)(const struct acpi_table *))
{
    const struct acpi_table *t = acpi_find(&sys.acpi, signature, 0);
    const char *error = t ? parse(t) : NULL;

    if (error)
        warn(NULL, signature, error);
    return t && !error;
}

static const char *parse_madt(const struct acpi_table *t)
{
    return acpi_madt_parse(t, &kernel_ops, &sys.madt);
}

static const char *parse_hpet(const struct acpi_table *t)
{
    return acpi_hpet_parse(t, &sys.hpet);
}

static const char *parse_fadt(const struct acpi_table *t)
{
    return acpi_fadt_parse(t, &sys.fadt);
}

static void summary(void)
{
    kprintf("acpi: %s rev %u, %zu tables (", sys.acpi.root.signature, sys.acpi.root.revision,
            sys.acpi.count);
    for (size_t i = 0; i < sys.acpi.count; i++)
        kprintf("%s%s", i ? " " : "", sys.acpi.tables[i].signature);
    kprintf(")\n");
}

const struct acpi_system *acpi_system_init(const struct boot_info *info)
{
    boot = info;
    if (!info->acpi.present) {
        kprintf("acpi: the boot loader gave no RSDP: no ACPI tables\n");
        return &sys;
    }
    const char *error =
        acpi_init(&sys.acpi, &kernel_ops, info->acpi.rsdt_phys, info->acpi.xsdt_phys);
    if (error) {
        kprintf("%s\n", error);
        return &sys;
    }
    sys.tables = true;
    summary();
    sys.has_madt = parse_one("APIC", parse_madt);
    sys.has_hpet = parse_one("HPET", parse_hpet);
    sys.has_fadt = parse_one("FACP", parse_fadt);
    return &sys;
}

const struct acpi_system *acpi_system(void)
{
    return &sys;
}
