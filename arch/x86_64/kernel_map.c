/* SPDX-License-Identifier: MIT */
/*
 * What the kernel's address space contains, built once at start-up: the image's sections with
 * write-xor-execute permissions, RAM in the direct map without a writable alias of the kernel's
 * code, the device memory early drivers asked for, and the stacks' guard pages left unmapped.
 */
#include <arch/cpu.h>
#include <arch/memlayout.h>
#include <arch/paging.h>
#include <arch/processor.h>
#include <arch/stacks.h>

/*
 * The power-on PAT (SDM 3A table 12-12) with entry 1 changed from write-through to
 * write-combining, as Linux does: a PWT-only page entry then means WC. Nothing maps with entry 1
 * before this is written (the boot tables use entry 0, device mappings entry 3), so no cached
 * copy of another type can exist for such a page.
 */
#define PAT_KERNEL                                                                                 \
    (PAT_ENTRY(0, PAT_TYPE_WB) | PAT_ENTRY(1, PAT_TYPE_WC) | PAT_ENTRY(2, PAT_TYPE_UC_) |          \
     PAT_ENTRY(3, PAT_TYPE_UC) | PAT_ENTRY(4, PAT_TYPE_WB) | PAT_ENTRY(5, PAT_TYPE_WT) |           \
     PAT_ENTRY(6, PAT_TYPE_UC_) | PAT_ENTRY(7, PAT_TYPE_UC))

/* The CPU features the page tables use: NX (EFER.NXE, else the bit is a reserved-bit fault), 1 GiB
 * pages, and the PAT for write-combining device memory. */
static void enable_paging_features(void)
{
    uint32_t regs[4], ext = 0;

    cpu_cpuid(CPUID_FEATURES, regs);
    if (regs[3] & CPUID_EDX_PAT) {
        cpu_wrmsr(MSR_IA32_PAT, PAT_KERNEL);
        paging_set_write_combining(true);
    }
    cpu_cpuid(CPUID_EXT_MAX_LEAF, regs);
    if (regs[0] >= CPUID_EXT_FEATURES) {
        cpu_cpuid(CPUID_EXT_FEATURES, regs);
        ext = regs[3];
    }
    paging_set_1g_pages(ext & CPUID_EXT_EDX_PAGE1GB);
    if (ext & CPUID_EXT_EDX_NX) {
        cpu_wrmsr(MSR_EFER, cpu_rdmsr(MSR_EFER) | EFER_NXE);
        paging_set_nx(true);
    }
}

static bool map_section(const char *start, const char *end, uint64_t flags)
{
    return paging_map_range(&kernel_space, (virt_addr_t)start, kernel_virt_to_phys(start),
                            (uint64_t)(end - start), flags);
}

/* Map RAM [base, end) in the direct map, read-write, never executable. */
static bool map_ram(phys_addr_t base, phys_addr_t end)
{
    base = (base + PAGE_SIZE - 1) & ~(uint64_t)(PAGE_SIZE - 1);
    end &= ~(uint64_t)(PAGE_SIZE - 1);
    if (end > DIRECT_MAP_SPAN)
        end = DIRECT_MAP_SPAN;
    if (base >= end)
        return true;
    return paging_map_range(&kernel_space, (virt_addr_t)phys_to_virt(base), base, end - base,
                            PAGE_READ_WRITE);
}

/*
 * The kernel's code and constants appear in the direct map too; leave them out there, or they
 * would have a writable alias and W^X would hold only at their kernel-window address.
 */
static bool map_ram_except_kernel_code(phys_addr_t base, phys_addr_t end)
{
    phys_addr_t hole_start = kernel_virt_to_phys(_text_start);
    phys_addr_t hole_end = kernel_virt_to_phys(_rodata_end);

    if (end <= hole_start || base >= hole_end)
        return map_ram(base, end);
    return map_ram(base, hole_start) && map_ram(hole_end, end);
}

static bool map_image(void)
{
    return map_section(_text_start, _text_end, PAGE_READ_EXEC) &&
           map_section(_rodata_start, _rodata_end, PAGE_READ) &&
           map_section(_data_start, _data_end, PAGE_READ_WRITE);
}

const char *paging_init(const struct paging_layout *layout, phys_addr_t (*alloc_zeroed_frame)(void))
{
    enable_paging_features();
    paging_set_table_source(alloc_zeroed_frame);
    if (!paging_create(&kernel_space) || !map_image())
        return "paging: out of memory for page tables while mapping the kernel image";
    for (size_t i = 0; i < layout->ram_count; i++) {
        const struct phys_range *r = &layout->ram[i];
        if (!map_ram_except_kernel_code(r->base, r->base + r->length))
            return "paging: out of memory for page tables while mapping RAM";
    }
    for (size_t i = 0; i < layout->device_count; i++) {
        const struct device_range *d = &layout->devices[i];
        if (d->length && !paging_map_device(&kernel_space, d->base, d->length, d->cache))
            return "paging: cannot map device memory (outside the direct map's span, or out of "
                   "memory for page tables)";
    }
    for (unsigned i = 0; i < kernel_stack_count; i++) {
        if (!paging_unmap(&kernel_space, (virt_addr_t)kernel_stacks[i].guard))
            return "paging: cannot unmap a stack guard page";
    }
    cpu_write_cr3(direct_map_virt_to_phys(kernel_space.root));
    return NULL;
}
