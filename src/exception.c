/* SPDX-License-Identifier: MIT */
/*
 * The kernel's policy for traps nobody handles: exceptions and stray interrupts end on the panic
 * screen with the vector's number and name, the registers, symbols and a backtrace; a breakpoint
 * is reported and resumed; the NMI of another CPU's panic halts this one.
 */
#include "exception.h"

#include "console.h"
#include "kstack.h"
#include "ksyms.h"
#include "panic.h"

#include <arch/idt.h>
#include <arch/trap.h>
#include <fmt.h>
#include <stdbool.h>

#define BACKTRACE_MAX 8    /* frames shown: what fits on the 25-row screen with the registers */
#define SYMBOL_MAX    96   /* " <function+0x1234>" */
#define REGISTERS_MAX 1024 /* the register lines of trap_format_registers */

static unsigned long breakpoints;

unsigned long breakpoint_count(void)
{
    return breakpoints;
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

/* The panic screen's details: every register the CPU or the stub saved, then the call chain. */
static void report_registers(const void *ctx)
{
    const struct trap_frame *f = ctx;
    static char registers[REGISTERS_MAX]; /* static: the IST stacks are small */
    char sym[SYMBOL_MAX];
    uint64_t returns[BACKTRACE_MAX];

    kprintf("rip %016lx%s\n", (unsigned long)f->rip, symbolize(f->rip, false, sym, sizeof(sym)));
    trap_format_registers(f, registers, sizeof(registers));
    kprintf("%s", registers);
    unsigned n = trap_backtrace(f->rbp, returns, BACKTRACE_MAX);
    for (unsigned i = 0; i < n; i++)
        kprintf("  called from %016lx%s\n", (unsigned long)returns[i],
                symbolize(returns[i], true, sym, sizeof(sym)));
}

static void breakpoint(struct trap_frame *f)
{
    char sym[SYMBOL_MAX];

    breakpoints++;
    /* rip already points past the one-byte int3, so returning resumes after it */
    kprintf("breakpoint at %016lx%s\n", (unsigned long)f->rip - 1,
            symbolize(f->rip - 1, false, sym, sizeof(sym)));
}

static void unhandled(struct trap_frame *f)
{
    char sym[SYMBOL_MAX], detail[160];
    const char *mnemonic, *name = trap_vector_name((unsigned)f->vector, &mnemonic);

    trap_describe(f, detail, sizeof(detail));
    if (f->vector < EXCEPTION_VECTORS)
        panic_with_details(report_registers, f, "%s (%s, vector %lu) at %016lx%s%s", name, mnemonic,
                           (unsigned long)f->vector, (unsigned long)f->rip,
                           symbolize(f->rip, false, sym, sizeof(sym)), detail);
    panic_with_details(report_registers, f, "unexpected interrupt, vector 0x%02lx (%s) at %016lx%s",
                       (unsigned long)f->vector, name, (unsigned long)f->rip,
                       symbolize(f->rip, false, sym, sizeof(sym)));
}

/*
 * The NMI another CPU's panic sends to stop this one: halt, reporting nothing (that CPU draws
 * the one report). Any other NMI is reported like an exception.
 */
static void nmi(struct trap_frame *f)
{
    if (panic_in_progress()) {
        if (panic_on_this_cpu())
            return; /* one from outside, while this CPU draws its report: let it finish */
        panic_stop_this_cpu();
    }
    unhandled(f);
}

void exception_init(void)
{
    trap_init(unhandled);
    trap_register(VECTOR_NMI, nmi);
    trap_set_guard_namer(kstack_guard_owner);
    trap_register(VECTOR_BP, breakpoint);
}
