/* SPDX-License-Identifier: MIT */
/*
 * Trap dispatch: every vector's stub lands in trap_dispatch, which calls the handler registered
 * for that vector, or the kernel's policy for vectors nobody claimed.
 */
#include <arch/cpu.h>
#include <arch/idt.h>
#include <arch/pc/pic8259.h>
#include <arch/percpu.h>
#include <arch/segment.h>
#include <arch/trap.h>

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

/* What the PC wires to each 8259 input, so an unclaimed IRQ says what probably sent it. */
static const char *const pic_lines[PIC_LINES] = {
    "8259 IRQ 0 (PIT timer)",
    "8259 IRQ 1 (PS/2 keyboard)",
    "8259 IRQ 2 (cascade)",
    "8259 IRQ 3 (COM2)",
    "8259 IRQ 4 (COM1)",
    "8259 IRQ 5",
    "8259 IRQ 6 (floppy)",
    "8259 IRQ 7 (LPT1, or spurious)",
    "8259 IRQ 8 (RTC)",
    "8259 IRQ 9 (ACPI)",
    "8259 IRQ 10",
    "8259 IRQ 11",
    "8259 IRQ 12 (PS/2 mouse)",
    "8259 IRQ 13 (FPU)",
    "8259 IRQ 14 (primary ATA)",
    "8259 IRQ 15 (secondary ATA, or spurious)",
};

/* Written by trap_register, read by trap_dispatch on any CPU: one aligned pointer each. */
static trap_handler_fn handlers[IDT_VECTORS];
static trap_handler_fn unhandled_policy;
static unsigned long counts[IDT_VECTORS]; /* added to by whichever CPU takes the trap */
static void (*interrupt_return_hook)(void);

void trap_init(trap_handler_fn unhandled)
{
    unhandled_policy = unhandled;
    idt_init();
    /* before anything can set IF: the BIOS leaves the 8259s unmasked on vectors 8-15 */
    pic_init();
}

void trap_register(unsigned vector, trap_handler_fn handler)
{
    if (vector < IDT_VECTORS)
        __atomic_store_n(&handlers[vector], handler, __ATOMIC_RELEASE);
}

void trap_set_interrupt_return_hook(void (*hook)(void))
{
    __atomic_store_n(&interrupt_return_hook, hook, __ATOMIC_RELEASE);
}

void trap_unhandled(struct trap_frame *frame)
{
    if (unhandled_policy)
        unhandled_policy(frame);
    cpu_halt_forever(); /* no policy yet: nothing can be printed, stop where we are */
}

const char *trap_vector_name(unsigned vector, const char **mnemonic)
{
    *mnemonic = "";
    if (vector < EXCEPTION_VECTORS) {
        *mnemonic = exceptions[vector].mnemonic;
        return exceptions[vector].name;
    }
    if (vector >= VECTOR_PIC_MASTER && vector < VECTOR_PIC_MASTER + PIC_LINES)
        return pic_lines[vector - VECTOR_PIC_MASTER];
    if (vector >= VECTOR_IRQ_FIRST && vector <= VECTOR_IRQ_LAST)
        return "an IOAPIC input with no handler";
    if (vector == VECTOR_APIC_TIMER)
        return "local APIC timer";
    if (vector == VECTOR_IPI_CALL)
        return "cross-call IPI";
    if (vector == VECTOR_IPI_RESCHEDULE)
        return "reschedule IPI";
    if (vector == VECTOR_APIC_ERROR)
        return "local APIC error";
    if (vector == VECTOR_APIC_SPURIOUS)
        return "local APIC spurious";
    return "not assigned";
}

uint64_t trap_fault_address(void)
{
    return cpu_arch_this()->fault_address;
}

unsigned long trap_count(unsigned vector)
{
    return vector < IDT_VECTORS ? __atomic_load_n(&counts[vector], __ATOMIC_RELAXED) : 0;
}

void trap_dispatch(struct trap_frame *frame)
{
    __atomic_fetch_add(&counts[frame->vector % IDT_VECTORS], 1, __ATOMIC_RELAXED);
    /* first: a later fault would overwrite it. A double fault from a stack overflow comes from a
     * page fault that could not push its frame, so CR2 still names the address. */
    if (frame->vector == VECTOR_PF || frame->vector == VECTOR_DF)
        cpu_arch_this()->fault_address = cpu_read_cr2();
    trap_handler_fn handler = __atomic_load_n(&handlers[frame->vector], __ATOMIC_ACQUIRE);
    if (!handler) {
        trap_unhandled(frame);
        return;
    }
    handler(frame);
    /* an interrupt, its end of interrupt sent: the scheduler may switch threads here */
    void (*hook)(void) = __atomic_load_n(&interrupt_return_hook, __ATOMIC_ACQUIRE);
    if (frame->vector >= EXCEPTION_VECTORS && hook)
        hook();
}
