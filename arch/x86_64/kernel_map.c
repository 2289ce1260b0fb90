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

/* Turn on EFER.NXE when the CPU has NX; without it the NX bit would be a reserved-bit fault. */
static void enable_nx(void)
{
    uint32_t regs[4];

    cpu_cpuid(CPUID_EXT_MAX_LEAF, regs);
    if (regs[0] < CPUID_EXT_FEATURES)
        return;
    cpu_cpuid(CPUID_EXT_FEATURES, regs);
    if (!(regs[3] & CPUID_EXT_EDX_NX))
        return;
    cpu_wrmsr(MSR_EFER, cpu_rdmsr(MSR_EFER) | EFER_NXE);
    paging_set_nx(true);
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
    if (end > DIRECT_MAP_SIZE)
        end = DIRECT_MAP_SIZE;
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

const char *paging_init(const struct paging_layout *layout)
{
    enable_nx();
    if (!paging_create(&kernel_space) || !map_image())
        return "paging: out of page-table memory while mapping the kernel image";
    for (size_t i = 0; i < layout->ram_count; i++) {
        const struct phys_range *r = &layout->ram[i];
        if (!map_ram_except_kernel_code(r->base, r->base + r->length))
            return "paging: out of page-table memory (raise PT_POOL_PAGES in "
                   "arch/x86_64/paging.c)";
    }
    for (size_t i = 0; i < layout->device_count; i++) {
        const struct phys_range *d = &layout->devices[i];
        if (!paging_map_device(&kernel_space, d->base, d->length))
            return "paging: cannot map device memory (outside the direct map, or out of "
                   "page-table memory)";
    }
    for (unsigned i = 0; i < kernel_stack_count; i++) {
        if (!paging_unmap(&kernel_space, (virt_addr_t)kernel_stacks[i].guard))
            return "paging: cannot unmap a stack guard page";
    }
    cpu_write_cr3(kernel_virt_to_phys(kernel_space.root));
    return NULL;
}
