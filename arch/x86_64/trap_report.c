/* SPDX-License-Identifier: MIT */
/*
 * The architecture's half of a crash report: what an exception's error code and CR2 mean, the
 * saved registers, and the frame-pointer chain. The kernel core adds symbols and the screen.
 */
#include <arch/cpu.h>
#include <arch/idt.h>
#include <arch/memlayout.h>
#include <arch/paging.h>
#include <arch/stacks.h>
#include <arch/trap.h>
#include <fmt.h>

static const char *(*guard_namer)(uintptr_t addr);

void trap_set_guard_namer(const char *(*namer)(uintptr_t addr))
{
    guard_namer = namer;
}

/* The name of the stack whose guard page holds addr, if any: hitting one means that stack
 * overflowed. */
static const char *guard_page_of(uint64_t addr)
{
    for (unsigned i = 0; i < kernel_stack_count; i++) {
        uint64_t guard = (uintptr_t)kernel_stacks[i].guard;
        if (addr >= guard && addr < guard + PAGE_SIZE)
            return kernel_stacks[i].name;
    }
    return guard_namer ? guard_namer(addr) : NULL;
}

void trap_describe(const struct trap_frame *f, char *buf, size_t size)
{
    uint64_t cr2 = trap_fault_address(), e = f->error_code;
    const char *overflow = guard_page_of(cr2);

    if (f->vector == VECTOR_PF) {
        fmt_snprintf(buf, size, ": cr2 0x%016lx, error 0x%lx (%s, %s, %s, %s)%s",
                     (unsigned long)cr2, (unsigned long)e,
                     e & PF_ERR_PRESENT ? "protection" : "not present",
                     e & PF_ERR_WRITE ? "write" : "read", e & PF_ERR_USER ? "user" : "kernel",
                     e & PF_ERR_FETCH ? "fetch" : "data", e & PF_ERR_RSVD ? ", reserved bit" : "");
    } else if (f->vector == VECTOR_DF && overflow) {
        /* the #PF that overflowed the stack could not push its frame: CR2 still names it */
        fmt_snprintf(buf, size, ": stack overflow, cr2 0x%016lx is in the guard page below the %s",
                     (unsigned long)cr2, overflow);
    } else if (f->vector < EXCEPTION_VECTORS) {
        fmt_snprintf(buf, size, ": error 0x%lx", (unsigned long)e);
    } else {
        fmt_snprintf(buf, size, "%s", "");
    }
}

size_t trap_format_registers(const struct trap_frame *f, char *buf, size_t size)
{
    return (size_t)fmt_snprintf(
        buf, size,
        "rsp %016lx  rflags %016lx  cs %04lx  ss %04lx\n"
        "cr2 %016lx  cr3 %016lx  error %016lx\n"
        "rax %016lx  rbx %016lx  rcx %016lx\n"
        "rdx %016lx  rsi %016lx  rdi %016lx\n"
        "rbp %016lx  r8  %016lx  r9  %016lx\n"
        "r10 %016lx  r11 %016lx  r12 %016lx\n"
        "r13 %016lx  r14 %016lx  r15 %016lx\n",
        (unsigned long)f->rsp, (unsigned long)f->rflags, (unsigned long)f->cs, (unsigned long)f->ss,
        (unsigned long)cpu_read_cr2(), (unsigned long)cpu_read_cr3(), (unsigned long)f->error_code,
        (unsigned long)f->rax, (unsigned long)f->rbx, (unsigned long)f->rcx, (unsigned long)f->rdx,
        (unsigned long)f->rsi, (unsigned long)f->rdi, (unsigned long)f->rbp, (unsigned long)f->r8,
        (unsigned long)f->r9, (unsigned long)f->r10, (unsigned long)f->r11, (unsigned long)f->r12,
        (unsigned long)f->r13, (unsigned long)f->r14, (unsigned long)f->r15);
}

/* Whether [addr, addr + 16) lies in mapped pages of the run-time stack region. */
static bool on_a_runtime_stack(uint64_t addr)
{
    phys_addr_t phys;
    uint64_t flags;
    uint64_t end = (uint64_t)KSTACK_SLOTS * KSTACK_SLOT_SIZE;

    return addr >= KSTACK_REGION_BASE && addr - KSTACK_REGION_BASE < end - 16 &&
           paging_query(&kernel_space, addr, &phys, &flags) &&
           paging_query(&kernel_space, addr + 15, &phys, &flags);
}

/* Whether a frame record [rbp, rbp + 16) lies inside one of the kernel's stacks. */
static bool on_a_kernel_stack(uint64_t rbp)
{
    for (unsigned i = 0; i < kernel_stack_count; i++) {
        if (rbp >= (uintptr_t)kernel_stacks[i].bottom &&
            rbp + 16 <= (uintptr_t)kernel_stacks[i].top)
            return true;
    }
    return on_a_runtime_stack(rbp);
}

unsigned trap_backtrace(uint64_t rbp, uint64_t *returns, unsigned max)
{
    unsigned n = 0;

    /* each record is {saved rbp, return address}; a corrupt chain ends the walk, never faults */
    for (; n < max && rbp % 8 == 0 && on_a_kernel_stack(rbp); n++) {
        const uint64_t *frame = (const uint64_t *)(uintptr_t)rbp;
        returns[n] = frame[1];
        rbp = frame[0];
    }
    return n;
}
