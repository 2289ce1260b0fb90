/* SPDX-License-Identifier: MIT */
/*
 * Exception dispatch and the crash report. A breakpoint is reported and execution resumes; every
 * other exception ends in panic with a headline naming the exception and, on the panic screen,
 * the full register state and a backtrace.
 */
#include <arch/cpu.h>
#include <arch/idt.h>
#include <arch/paging.h>
#include <arch/segment.h>
#include <arch/stacks.h>
#include <arch/trap.h>
#include <console.h>
#include <fmt.h>
#include <ksyms.h>
#include <panic.h>
#include <stdbool.h>

#define BACKTRACE_MAX 8 /* frames shown: what fits on the 25-row screen with the registers */

/* Intel SDM vol. 3A table 6-1 */
static const struct {
    const char *name;
    const char *mnemonic;
} exceptions[EXCEPTION_VECTORS] = {
    {"divide error", "#DE"},
    {"debug exception", "#DB"},
    {"non-maskable interrupt", "NMI"},
    {"breakpoint", "#BP"},
    {"overflow", "#OF"},
    {"bound range exceeded", "#BR"},
    {"invalid opcode", "#UD"},
    {"device not available", "#NM"},
    {"double fault", "#DF"},
    {"coprocessor segment overrun", "#MF"},
    {"invalid TSS", "#TS"},
    {"segment not present", "#NP"},
    {"stack-segment fault", "#SS"},
    {"general protection", "#GP"},
    {"page fault", "#PF"},
    {"reserved", "-"},
    {"x87 floating-point error", "#MF"},
    {"alignment check", "#AC"},
    {"machine check", "#MC"},
    {"SIMD floating-point exception", "#XM"},
    {"virtualization exception", "#VE"},
    {"control protection", "#CP"},
    {"reserved", "-"},
    {"reserved", "-"},
    {"reserved", "-"},
    {"reserved", "-"},
    {"reserved", "-"},
    {"reserved", "-"},
    {"hypervisor injection", "#HV"},
    {"VMM communication", "#VC"},
    {"security exception", "#SX"},
    {"reserved", "-"},
};

static unsigned long breakpoints;

unsigned long trap_breakpoint_count(void)
{
    return breakpoints;
}

void trap_init(void)
{
    tss_init();
    idt_init();
}

/*
 * " <function+0x12>" for a code address, or "" if no symbol covers it. A return address may lie
 * just past its caller's end (after a call to a noreturn function), so for those the byte before
 * it, the call itself, decides which function it is.
 */
static const char *symbolize(uint64_t addr, bool return_address, char *buf, size_t size)
{
    const char *name;
    uint64_t offset;

    if (!ksym_lookup(addr - return_address, &name, &offset))
        return "";
    fmt_snprintf(buf, size, " <%s+0x%lx>", name, (unsigned long)(offset + return_address));
    return buf;
}

/* The stack whose guard page holds addr, if any: hitting one means that stack overflowed. */
static const struct stack_area *guard_page_of(uint64_t addr)
{
    for (unsigned i = 0; i < kernel_stack_count; i++) {
        uint64_t guard = (uintptr_t)kernel_stacks[i].guard;
        if (addr >= guard && addr < guard + PAGE_SIZE)
            return &kernel_stacks[i];
    }
    return NULL;
}

/* What the exception's own state says, after the headline's name and address. */
static void describe(const struct trap_frame *f, uint64_t cr2, char *buf, size_t size)
{
    const struct stack_area *overflow = guard_page_of(cr2);
    uint64_t e = f->error_code;

    if (f->vector == VECTOR_PF) {
        fmt_snprintf(buf, size, ": cr2 0x%016lx, error 0x%lx (%s, %s, %s, %s)%s",
                     (unsigned long)cr2, (unsigned long)e,
                     e & PF_ERR_PRESENT ? "protection" : "not present",
                     e & PF_ERR_WRITE ? "write" : "read", e & PF_ERR_USER ? "user" : "kernel",
                     e & PF_ERR_FETCH ? "fetch" : "data", e & PF_ERR_RSVD ? ", reserved bit" : "");
    } else if (f->vector == VECTOR_DF && overflow) {
        fmt_snprintf(buf, size, ": stack overflow, cr2 0x%016lx is in the guard page below the %s",
                     (unsigned long)cr2, overflow->name);
    } else {
        fmt_snprintf(buf, size, ": error 0x%lx", (unsigned long)e);
    }
}

/* Frame-pointer backtrace, following saved %rbp only while it stays inside a kernel stack. */
static void backtrace(uint64_t rbp)
{
    char sym[96];

    for (int depth = 0; depth < BACKTRACE_MAX && rbp % 8 == 0; depth++) {
        bool on_stack = false;
        for (unsigned i = 0; i < kernel_stack_count; i++)
            on_stack |= rbp >= (uintptr_t)kernel_stacks[i].bottom &&
                        rbp + 16 <= (uintptr_t)kernel_stacks[i].top;
        if (!on_stack)
            return;
        const uint64_t *frame = (const uint64_t *)(uintptr_t)rbp;
        kprintf("  called from %016lx%s\n", (unsigned long)frame[1],
                symbolize(frame[1], true, sym, sizeof(sym)));
        rbp = frame[0];
    }
}

/* The panic screen's details: every register the CPU or the stub saved, then the call chain. */
static void report_registers(const void *ctx)
{
    const struct trap_frame *f = ctx;
    char sym[96];

    kprintf("rip %016lx%s\n", (unsigned long)f->rip, symbolize(f->rip, false, sym, sizeof(sym)));
    kprintf("rsp %016lx  rflags %016lx  cs %04lx  ss %04lx\n", (unsigned long)f->rsp,
            (unsigned long)f->rflags, (unsigned long)f->cs, (unsigned long)f->ss);
    kprintf("cr2 %016lx  cr3 %016lx  error %016lx\n", (unsigned long)cpu_read_cr2(),
            (unsigned long)cpu_read_cr3(), (unsigned long)f->error_code);
    kprintf("rax %016lx  rbx %016lx  rcx %016lx\n", (unsigned long)f->rax, (unsigned long)f->rbx,
            (unsigned long)f->rcx);
    kprintf("rdx %016lx  rsi %016lx  rdi %016lx\n", (unsigned long)f->rdx, (unsigned long)f->rsi,
            (unsigned long)f->rdi);
    kprintf("rbp %016lx  r8  %016lx  r9  %016lx\n", (unsigned long)f->rbp, (unsigned long)f->r8,
            (unsigned long)f->r9);
    kprintf("r10 %016lx  r11 %016lx  r12 %016lx\n", (unsigned long)f->r10, (unsigned long)f->r11,
            (unsigned long)f->r12);
    kprintf("r13 %016lx  r14 %016lx  r15 %016lx\n", (unsigned long)f->r13, (unsigned long)f->r14,
            (unsigned long)f->r15);
    backtrace(f->rbp);
}

void trap_dispatch(struct trap_frame *f)
{
    char sym[96], detail[160];
    uint64_t cr2 = cpu_read_cr2(); /* read first: a later fault would overwrite it */

    if (f->vector == VECTOR_BP) {
        breakpoints++;
        /* rip already points past the one-byte int3, so returning resumes after it */
        kprintf("breakpoint at %016lx%s\n", (unsigned long)f->rip - 1,
                symbolize(f->rip - 1, false, sym, sizeof(sym)));
        return;
    }
    describe(f, cr2, detail, sizeof(detail));
    panic_with_details(report_registers, f, "%s (%s, vector %lu) at %016lx%s%s",
                       exceptions[f->vector].name, exceptions[f->vector].mnemonic,
                       (unsigned long)f->vector, (unsigned long)f->rip,
                       symbolize(f->rip, false, sym, sizeof(sym)), detail);
}
