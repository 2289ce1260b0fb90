/* SPDX-License-Identifier: MIT */
/*
 * Memory start-up, in the order the pieces depend on each other: the normalised map first, then
 * the frame allocator's bookkeeping in RAM below 4 GiB (reachable through the boot page tables),
 * RAM below 4 GiB to the allocator, the kernel's own page tables built from its frames, and only
 * then the RAM above 4 GiB, which the boot tables cannot reach.
 */
#include "mm.h"

#include "frame.h"

#include <arch/memlayout.h>
#include <arch/multiboot2.h>
#include <arch/pvh.h>

#define LOW_MEMORY_END 0x100000ULL            /* 1 MiB: real-mode memory, BIOS data, option ROMs */
#define BOOT_MAP_END   DIRECT_MAP_SIZE        /* what the boot page tables reach */
#define CARVE_MAX      (4 + BOOT_MODULES_MAX) /* low memory, kernel, boot data, allocator, modules */
#define MAP_MAX        (2 * (BOOT_MMAP_MAX + CARVE_MAX) + 1) /* each boundary can start one */

static struct memmap_region loader[BOOT_MMAP_MAX], carve[CARVE_MAX], map[MAP_MAX];
static struct memmap_event events[2 * (BOOT_MMAP_MAX + CARVE_MAX)];
static size_t map_count;
static phys_addr_t low_run;

const struct memmap_region *memory_map(size_t *count)
{
    *count = map_count;
    return map;
}

static uint32_t memmap_type_of(uint32_t boot_type)
{
    switch (boot_type) {
    case BOOT_MEM_USABLE:
        return MEMMAP_USABLE;
    case BOOT_MEM_ACPI_RECLAIMABLE:
        return MEMMAP_ACPI_RECLAIM;
    case BOOT_MEM_ACPI_NVS:
        return MEMMAP_ACPI_NVS;
    case BOOT_MEM_BAD:
        return MEMMAP_BAD;
    default:
        return MEMMAP_RESERVED; /* the Multiboot2 and E820 rule for unknown types */
    }
}

/* What the loader handed over and is still read after start-up (its boot information block). */
static struct memmap_region loader_data(uint32_t magic, phys_addr_t phys)
{
    uint64_t size = sizeof(struct hvm_start_info);

    if (magic == MB2_BOOTLOADER_MAGIC)
        size = ((const struct mb2_info_header *)phys_to_virt(phys))->total_size;
    return (struct memmap_region){phys, size, MEMMAP_BOOT_DATA};
}

static const char *normalise(size_t loader_count, size_t carve_count)
{
    bool truncated;

    map_count = memmap_normalise(loader, loader_count, carve, carve_count, events, map, MAP_MAX,
                                 &truncated);
    return truncated ? "memory: the normalised memory map does not fit (raise MAP_MAX)" : NULL;
}

/* One past the highest RAM byte: how many frames the allocator's bookkeeping must cover. */
static uint64_t ram_end(void)
{
    uint64_t end = 0;

    for (size_t i = 0; i < map_count; i++) {
        if (memmap_is_ram(map[i].type) && map[i].base + map[i].length > end)
            end = map[i].base + map[i].length;
    }
    return end < DIRECT_MAP_SPAN ? end : DIRECT_MAP_SPAN;
}

/* The highest usable, page-aligned run of size bytes below 4 GiB, or 0. */
static phys_addr_t place_below_4g(uint64_t size)
{
    for (size_t i = map_count; i-- > 0;) {
        if (map[i].type != MEMMAP_USABLE || map[i].base >= BOOT_MAP_END)
            continue;
        uint64_t end = map[i].base + map[i].length;
        end = (end < BOOT_MAP_END ? end : BOOT_MAP_END) & ~(uint64_t)(FRAME_SIZE - 1);
        if (end - map[i].base >= size &&
            ((end - size) & ~(uint64_t)(FRAME_SIZE - 1)) >= map[i].base)
            return (end - size) & ~(uint64_t)(FRAME_SIZE - 1);
    }
    return 0;
}

/*
 * The highest page-aligned run of size bytes of usable RAM below 1 MiB, above page 0 (the
 * real-mode interrupt table and BIOS data), that neither the kernel nor the loader's data uses;
 * 0 if there is none.
 */
static phys_addr_t place_low(uint64_t size)
{
    for (size_t i = map_count; i-- > 0;) {
        uint64_t base = map[i].base > FRAME_SIZE ? map[i].base : FRAME_SIZE;
        uint64_t end = map[i].base + map[i].length;
        end = (end < LOW_MEMORY_END ? end : LOW_MEMORY_END) & ~(uint64_t)(FRAME_SIZE - 1);
        base = (base + FRAME_SIZE - 1) & ~(uint64_t)(FRAME_SIZE - 1);
        if (map[i].type == MEMMAP_USABLE && end > base && end - base >= size)
            return end - size;
    }
    return 0;
}

phys_addr_t memory_low_run(void)
{
    return low_run;
}

/* Give the allocator the usable RAM inside [from, to). */
static void add_usable(uint64_t from, uint64_t to)
{
    for (size_t i = 0; i < map_count; i++) {
        uint64_t base = map[i].base, end = map[i].base + map[i].length;
        base = base > from ? base : from;
        end = end < to ? end : to;
        if (map[i].type == MEMMAP_USABLE && base < end)
            frame_add_range(base, end - base);
    }
}

/* A page table's frame: below 4 GiB while the boot tables are the ones in use. */
static phys_addr_t table_frame(void)
{
    return frame_alloc(0, FRAME_ZERO | FRAME_BELOW_4G);
}

static const char *map_kernel_space(const struct device_range *devices, size_t device_count)
{
    static struct phys_range ram[MAP_MAX];
    size_t n = 0;

    /* RAM is RAM whatever the kernel carved it for: touching regions become one range, so a
     * region smaller than a page (a module, the boot information) still gets its page */
    for (size_t i = 0; i < map_count; i++) {
        if (!memmap_is_ram(map[i].type))
            continue;
        if (n && ram[n - 1].base + ram[n - 1].length == map[i].base)
            ram[n - 1].length += map[i].length;
        else
            ram[n++] = (struct phys_range){map[i].base, map[i].length};
    }
    struct paging_layout layout = {ram, n, devices, device_count};
    return paging_init(&layout, table_frame);
}

const char *memory_init(const struct boot_info *info, uint32_t magic, phys_addr_t boot_info_phys,
                        const struct device_range *devices, size_t device_count)
{
    for (size_t i = 0; i < info->mmap_count; i++)
        loader[i] = (struct memmap_region){info->mmap[i].base, info->mmap[i].length,
                                           memmap_type_of(info->mmap[i].type)};
    /* from the load address: the boot code, stack and page tables come before _kernel_start */
    carve[0] = (struct memmap_region){
        KERNEL_LOAD_PHYS, kernel_virt_to_phys(_kernel_end) - KERNEL_LOAD_PHYS, MEMMAP_KERNEL};
    carve[1] = loader_data(magic, boot_info_phys);
    size_t carves = 2;
    for (size_t i = 0; i < info->module_count; i++)
        carve[carves++] =
            (struct memmap_region){info->modules[i].phys, info->modules[i].size, MEMMAP_BOOT_DATA};
    /* the map as the loader left it, to find low RAM nobody uses; then all of it kept */
    const char *error = normalise(info->mmap_count, carves);
    if (error)
        return error;
    low_run = place_low(MEMORY_LOW_RUN);
    carve[carves++] = (struct memmap_region){0, LOW_MEMORY_END, MEMMAP_LOW};
    if ((error = normalise(info->mmap_count, carves)))
        return error;

    /* bookkeeping for every frame up to the end of RAM, in RAM the boot tables reach */
    uint64_t frames = ram_end() / FRAME_SIZE;
    uint64_t bytes =
        (frame_bookkeeping_bytes(frames) + FRAME_SIZE - 1) & ~(uint64_t)(FRAME_SIZE - 1);
    phys_addr_t state = place_below_4g(bytes);
    if (!state)
        return "memory: no usable RAM below 4 GiB for the frame allocator's bookkeeping";
    carve[carves++] = (struct memmap_region){state, bytes, MEMMAP_ALLOCATOR};
    if ((error = normalise(info->mmap_count, carves)))
        return error;

    frame_init(phys_to_virt(state), frames);
    add_usable(0, BOOT_MAP_END);
    if ((error = map_kernel_space(devices, device_count)))
        return error;
    add_usable(BOOT_MAP_END, UINT64_MAX); /* reachable now: the direct map covers all RAM */
    return NULL;
}
